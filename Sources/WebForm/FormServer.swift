import Foundation
import Hummingbird
import Logging
import Store

/// The web form: `GET /t/TOKEN` shows the survey to a team's invitation link with a one-time
/// ticket; `POST /t/TOKEN` stores the answers if the token and ticket are valid. There is no
/// other route: results are never served. Nothing about the respondent (address, agent,
/// time) is logged or stored.
public struct FormServer: Sendable {
  let store: ResponseStore
  let wave: WaveRef
  let survey: FormSurvey
  /// The largest form body accepted.
  static let maxBody = 256 * 1024

  public init(store: ResponseStore, wave: WaveRef, survey: FormSurvey) {
    self.store = store
    self.wave = wave
    self.survey = survey
  }

  /// Serves until SIGINT or SIGTERM.
  /// - Parameters:
  ///   - host: the address to listen on (loopback by default).
  ///   - port: the port (0 = any free port).
  ///   - onReady: called with the port once the server listens.
  public func run(host: String, port: Int, onReady: @escaping @Sendable (Int) -> Void) async throws {
    var logger = Logger(label: "cultivar.serve")
    logger.logLevel = .error
    let app = Application(
      router: makeRouter(), configuration: .init(address: .hostname(host, port: port), serverName: nil),
      onServerRunning: { channel in onReady(channel.localAddress?.port ?? port) }, logger: logger)
    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
  }

  func makeRouter() -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: PageMiddleware())
    router.get("/") { _, _ in PageMiddleware<BasicRequestContext>.page(FormPages.landing, status: .ok) }
    router.get("/t/:token") { _, context in try await showForm(token: context.parameters.get("token") ?? "") }
    router.post("/t/:token") { request, context in try await receive(request, token: context.parameters.get("token") ?? "") }
    return router
  }

  private func showForm(token: String) async throws -> Response {
    guard let invitation = try await store.invitation(token: token, wave: wave) else {
      return page(FormPages.unknownInvitation, .notFound)
    }
    let ticket = try await store.issueTicket(for: invitation)
    return page(FormPages.form(survey: survey, team: invitation.team, ticket: ticket), .ok)
  }

  private func receive(_ request: Request, token: String) async throws -> Response {
    guard Self.sameOrigin(request) else { return page(FormPages.crossSite, .forbidden) }
    guard try await store.invitation(token: token, wave: wave) != nil else { return page(FormPages.unknownInvitation, .notFound) }
    let body = try await request.body.collect(upTo: Self.maxBody)
    let submission: Submission
    do {
      submission = try Submission.parse(String(buffer: body), items: survey.items)
    } catch {
      return page(FormPages.problem("This form cannot be accepted", "An answer is not one of the question's choices. Open your invitation link again and answer there."), .badRequest)
    }
    guard let ticket = submission.ticket, !ticket.isEmpty else { return page(FormPages.missingTicket, .forbidden) }
    guard !submission.answers.isEmpty else {
      return page(FormPages.problem("No answers", "No question was answered, so nothing was stored. Go back to answer at least one question."), .badRequest)
    }
    do {
      switch try await store.submit(token: token, ticket: ticket, wave: wave, answers: submission.answers) {
      case .stored: return page(FormPages.thanks(survey: survey, answered: submission.answers.count), .ok)
      case .alreadySubmitted: return page(FormPages.alreadySubmitted, .conflict)
      case .unknownTicket: return page(FormPages.forgedTicket, .forbidden)
      case .unknownInvitation: return page(FormPages.unknownInvitation, .notFound)
      }
    } catch is StoreError {
      return page(FormPages.busy, .serviceUnavailable)
    }
  }

  /// False when the browser says the form was sent from another site (`Origin` naming
  /// another host than the one addressed).
  static func sameOrigin(_ request: Request) -> Bool {
    guard let origin = request.headers[.origin] else { return true }
    guard let authority = request.head.authority, let url = URL(string: origin), let host = url.host else { return false }
    let originAuthority = url.port.map { "\(host):\($0)" } ?? host
    return originAuthority.lowercased() == authority.lowercased()
  }

  private func page(_ page: HTMLPage, _ status: HTTPResponse.Status) -> Response {
    PageMiddleware<BasicRequestContext>.page(page, status: status)
  }
}
