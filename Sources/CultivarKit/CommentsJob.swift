import Foundation
import Privacy
import Reports
import Statistics
import SurveyIO
import SurveyModel

/// `cultivar comments`: the comments of each published group, when the anonymity engine's
/// comment rule lets them be shown, scrubbed of e-mail addresses, phone numbers and listed
/// names, in a random order, with their theme counts.
public struct CommentsJob {
  public var surveyPath: String
  public var responsesPath: String?
  public var wave: String?
  public var storePath = Workspace.storePath(explicit: nil)
  /// `team` (default) or `unit:N`.
  public var cut: String?
  public var organisationPath: String?
  /// The comment threshold asked for (nil: the default).
  public var minComments: Int?
  /// A file of names to replace, one per line.
  public var namesPath: String?
  /// The seed of the shuffle (nil: a fresh random order every run).
  public var seed: UInt64?
  public var format = "table"
  public var skipInvalid = false
  public var workspace = Workspace()
  public var note: (String) -> Void = { _ in }
  /// The language the report is read in (`--lang`; nil: the survey's default).
  public var language: String?

  public static let formats = ["table", "json"]

  public init(surveyPath: String) {
    self.surveyPath = surveyPath
  }

  /// Runs the job and returns the rendered report.
  /// - Throws: ``InputError``, ``InputProblems``, ``StoreError``, ``UsageError``, ``PluginError``.
  public func run() throws -> String {
    guard Self.formats.contains(format) else { throw UsageError.unknownFormat(format, among: Self.formats) }
    let run = try UnscoredRun(
      surveyPath: surveyPath, responsesPath: responsesPath, wave: wave, storePath: storePath, organisationPath: organisationPath,
      cut: cut, skipInvalid: skipInvalid, workspace: workspace, note: note, language: language)
    let comments = run.items.comments
    guard !comments.isEmpty else {
      throw UsageError(
        message: "survey '\(run.context.survey.id)' has no comment items",
        hint: "a plugin declares one with type = \"text\" in its items (docs/plugins.md)")
    }
    let policy = try CommentPolicy(numeric: PrivacyPolicy(minGroupSize: run.context.survey.minGroupSize), requested: minComments)
    let scrubber = CommentScrubber(names: try readNames())
    let points = comments.map(\.item.id)
    let decision = run.decide(
      dataPoints: points, answered: { row, d in row.comments[d] != nil }, rule: { AnonymityEngine.decideComments($0, policy: policy) })
    var random = SplitMix64(seed: seed ?? UInt64.random(in: .min ... .max))
    let plugins = Dictionary(run.context.frameworks.map { ($0.plugin.framework.id, $0.plugin) }, uniquingKeysWith: { a, _ in a })
    var items: [CommentsReport.Item] = []
    for (d, entry) in comments.enumerated() {
      let plugin = plugins[entry.framework.id]!
      // The hook sees comments: what it logs is counted, never shown.
      plugin.withholdsHookLog = true
      var scrubbed: [Int: String] = [:]
      var themes: [Int: [Int]] = [:]
      var groups: [CommentsReport.Group] = []
      for g in Array(decision.groups.indices).map(Optional.some) + [nil] {
        let name = g.map { decision.groups[$0].name } ?? UnscoredRun.organisationName
        let commenters = decision.count(g, dataPoint: d)
        let withheld = commenters == 0 ? nil : decision.withheld(g, dataPoint: d)
        var texts: [String] = []
        var counts: [Int] = []
        if withheld == nil {
          let rows = run.rows(of: g.map { decision.groups[$0] }, in: decision).filter { run.rows[$0].comments[d] != nil }
          counts = Array(repeating: 0, count: entry.framework.themes.count)
          for row in rows {
            let text = scrubbed[row] ?? scrubber.scrub(run.rows[row].comments[d]!)
            scrubbed[row] = text
            texts.append(text)
            guard !counts.isEmpty else { continue }
            // Each comment is classified once, so a team's counts and the organisation's agree.
            let found = try themes[row] ?? plugin.themes(of: text)
            themes[row] = found
            for theme in found { counts[theme] += 1 }
          }
          texts.shuffle(using: &random)
        }
        groups.append(
          .init(
            name: name, commenters: commenters, withheld: withheld,
            wouldShow: withheld == nil ? "" : decision.wouldShow(group: name, dataPoint: entry.item.id),
            comments: texts, themeCounts: counts))
      }
      let shownThemes = run.context.language.map { entry.framework.localized(to: $0).themes } ?? entry.framework.themes
      items.append(.init(id: entry.item.id, text: run.shown(entry.item, of: entry.framework).text, themes: shownThemes, groups: groups))
    }
    let survey = run.context.survey
    let report = CommentsReport(
      survey: SurveyInfo(id: survey.id, title: survey.title(in: run.context.language), language: run.context.language), input: run.input,
      cut: run.cut,
      threshold: policy.threshold, rule: policy.summary, items: items)
    note(RunSupport.summaryLine(run.input))
    let logged = run.context.frameworks.reduce(0) { $0 + $1.plugin.withheldLogLines }
    if logged > 0 {
      note(
        "note: plugin hooks wrote \(Counted.phrase(logged, "log line", plural: "log lines")) while classifying comments; they are not shown, since hooks see the comments"
      )
    }
    return format == "json" ? CommentsReporter.json(report) : CommentsReporter.table(report)
  }

  private func readNames() throws -> [String] {
    guard let namesPath else { return [] }
    guard let data = FileManager.default.contents(atPath: namesPath), let text = String(data: data, encoding: .utf8) else {
      throw InputError(
        kind: .file, file: workspace.display(namesPath), message: "cannot read the names file", hint: "give a UTF-8 text file with one name per line")
    }
    return text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
  }
}
