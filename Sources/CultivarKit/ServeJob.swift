import Foundation
import Store
import SurveyModel

/// `cultivar serve`: the web form for one wave, reached through the links `cultivar invite`
/// printed.
public struct ServeJob {
  public var surveyPath: String
  public var wave: String
  /// The resolved store path (see ``StoreLocation``).
  public var storePath: String
  public var host = "127.0.0.1"
  public var port = 8080
  /// The address respondents reach the form at (`--public-url`), checked against the
  /// `Origin` browsers send; needed behind a proxy.
  public var publicURL: String?
  /// Timeouts, connection and rate limits.
  public var limits = ServerLimits()
  public var workspace = Workspace()
  /// Receives warnings and the "serving" line (for standard error).
  public var note: @Sendable (String) -> Void = { _ in }

  public init(surveyPath: String, wave: String, storePath: String) {
    self.surveyPath = surveyPath
    self.wave = wave
    self.storePath = storePath
  }

  /// Serves until SIGINT or SIGTERM.
  /// - Throws: ``UsageError``, ``InputError``, ``StoreError`` (before serving), or a server
  ///   error (e.g. the port is taken).
  public func run() async throws {
    let parts = try NetworkParts.required(for: "serving the web form")
    guard (0...65535).contains(port) else { throw UsageError(message: "the port \(port) is not between 0 and 65535") }
    if let problem = limits.problem { throw UsageError(message: problem) }
    var origin: URL?
    if let publicURL {
      guard let url = URL(string: publicURL), url.scheme == "http" || url.scheme == "https", url.host != nil else {
        throw UsageError(
          message: "'\(publicURL)' is not an http(s) address", hint: "give the address respondents open, e.g. --public-url https://survey.example.org"
        )
      }
      origin = url
    }
    let context = try SurveyScoring.load(path: surveyPath, workspace: workspace, note: note)
    let store = try StoreAccess.open(storePath, workspace: workspace, create: false, busyWait: limits.storeWait, autoCheckpoint: false, note: note)
    let waveRef = try store.wave(wave, survey: context.survey.id)
    let invitations = try store.invitationCount(of: waveRef)
    if invitations == 0 {
      note("warning: wave '\(wave)' has no open invitations: create links with 'cultivar invite \(surveyPath) --wave \(wave) --team T --count N'")
    }
    if publicURL == nil, !["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) {
      note(
        "warning: no --public-url: browsers' forms are accepted only from http://\(host):PORT; behind a proxy, give the address respondents open, e.g. --public-url https://survey.example.org"
      )
    }
    let serving = FormServing(
      survey: Self.formSurvey(context), store: store, wave: waveRef, limits: limits, publicURL: origin, host: host, port: port,
      onReady: { [note, host, title = context.survey.title] port in
        note(
          "serving '\(title)' wave '\(waveRef.name)' on http://\(host):\(port)/ (\(invitations) open invitation link\(invitations == 1 ? "" : "s")); stop with Ctrl-C"
        )
      })
    do {
      try await parts.serveForm(serving)
    } catch let error as StoreError {
      throw error
    } catch {
      throw UsageError(message: "cannot serve on \(host):\(port): \(error)", hint: "choose another port with --port, or 0 for any free port")
    }
  }
}

extension ServeJob {
  /// The form in every language the survey is offered in, the default first.
  static func formSurvey(_ context: SurveyScoring) -> FormSurvey {
    let languages: [String?] = context.survey.languages.isEmpty ? [nil] : context.survey.languages
    let versions = languages.map { language in
      let unscored = UnscoredItems(frameworks: context.frameworks, language: language)
      let items =
        context.items(in: language).map { FormItem(item: $0.item, scale: $0.scale) }
        + (unscored.multis + unscored.comments).map { FormItem(item: $0.item, scale: $0.framework.scale) }
      return FormSurvey.Version(language: language, title: context.survey.title(in: language), items: items)
    }
    var form = FormSurvey(versions: versions, minGroupSize: context.survey.minGroupSize)
    form.attributes = context.survey.attributes
    return form
  }
}
