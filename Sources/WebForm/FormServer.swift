import FormText
import Foundation
import Hummingbird
import Logging
import NIOCore
import Store
import SurveyModel

/// The web form: `GET /t/TOKEN` shows the survey to an invitation link with a one-time
/// ticket; `POST /t/TOKEN` stores the answers if the token and ticket are valid. There is no
/// other route: results are never served. Nothing about the respondent (address, agent,
/// time) is logged or stored; failures are logged by route only.
public struct FormServer: Sendable {
  let store: any ResponseStoring
  let wave: WaveRef
  let survey: FormSurvey
  let limits: ServerLimits
  /// The origin browsers are told the form is at (`--public-url`), or nil to accept only the
  /// address the server listens on.
  let publicOrigin: String?
  let log: Logger
  let limiter: OpenLimiter
  let registry: ConnectionRegistry
  /// The listening origin, known once the server is bound.
  let listening = OriginBox()
  /// The largest form body accepted.
  static let maxBody = 256 * 1024

  /// - Parameters:
  ///   - publicURL: the address respondents reach the form at, when a proxy is in front.
  ///   - log: where failures go (default: one logfmt line each on standard error).
  public init(
    store: any ResponseStoring, wave: WaveRef, survey: FormSurvey, limits: ServerLimits = ServerLimits(), publicURL: URL? = nil,
    log: (@Sendable (String) -> Void)? = nil
  ) {
    self.store = store
    self.wave = wave
    self.survey = survey
    self.limits = limits
    publicOrigin = publicURL.flatMap(Origin.of)
    self.log = Logger.formLog(write: log)
    limiter = OpenLimiter(perMinute: limits.opensPerMinute)
    registry = ConnectionRegistry(limit: limits.maxConnections)
  }

  /// Serves until SIGINT or SIGTERM.
  /// - Parameters:
  ///   - host: the address to listen on (loopback by default).
  ///   - port: the port (0 = any free port).
  ///   - onReady: called with the port once the server listens.
  public func run(host: String, port: Int, onReady: @escaping @Sendable (Int) -> Void) async throws {
    // Hummingbird's own log would name request paths (tokens): only its critical errors.
    var quiet = Logger(label: "cultivar.serve.http")
    quiet.logLevel = .critical
    let (limits, registry, listening) = (self.limits, self.registry, self.listening)
    let app = Application(
      router: makeRouter(),
      server: .http1(
        configuration: .init(
          additionalChannelHandlers: [SecurityHeadersHandler(), ConnectionGuard(limits: limits, registry: registry)])),
      configuration: .init(address: .hostname(host, port: port), serverName: nil, backlog: 1024),
      onServerRunning: { channel in
        let bound = channel.localAddress?.port ?? port
        listening.set(Origin.listening(host: host, port: bound))
        onReady(bound)
      },
      logger: quiet)
    let housekeeping = Task { await keepHouse() }
    defer { housekeeping.cancel() }
    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
  }

  /// Every 10 seconds: copies the write-ahead log into the database (commits of the form do
  /// not, see ``ResponseStore``) and logs the connections the server cut off (one line,
  /// counts only); every minute: deletes expired form tickets.
  func keepHouse() async {
    var round = 0
    while !Task.isCancelled {
      try? await Task.sleep(nanoseconds: 10_000_000_000)
      if Task.isCancelled { return }
      let shed = registry.takeShedCounts()
      if !shed.isEmpty {
        log.warning(
          "connections_closed",
          metadata: [
            "evicted_over_limit": "\(shed.evicted)", "read_timeouts": "\(shed.readTimeouts)",
            "idle_timeouts": "\(shed.idleTimeouts)", "request_timeouts": "\(shed.requestTimeouts)",
            "open": "\(registry.openCount)", "limit": "\(limits.maxConnections)",
          ])
      }
      do {
        try await store.checkpoint()
      } catch let error as StoreError where !error.isBusy {
        log.warning("checkpoint_failed", metadata: ["reason": "\(error.message)"])
      } catch {}  // another process (an import) is checkpointing: it copies the log itself
      if round % 6 == 0 {
        do {
          try await store.pruneTickets()
        } catch let error as StoreError {
          log.error("ticket_prune_failed", metadata: ["reason": "\(error.message)"])
        } catch {}
      }
      round += 1
    }
  }

  func makeRouter() -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: PageMiddleware(log: log))
    router.get("/") { request, _ in PageMiddleware<BasicRequestContext>.page(FormPages.refusal(.landing, words(request)), status: .ok) }
    router.get("/t/:token") { request, context in try await showForm(request, token: context.parameters.get("token") ?? "") }
    router.post("/t/:token") { request, context in try await receive(request, token: context.parameters.get("token") ?? "") }
    return router
  }

  /// The language a request is answered in: its `lang` query when the survey is offered in
  /// it, else the best match of its `Accept-Language`, else the survey's default.
  func language(of request: Request, field: String? = nil) -> String? {
    survey.language(requested: field ?? request.uri.queryParameters["lang"].map(String.init), acceptLanguage: request.headers[.acceptLanguage])
  }

  /// The form's words for a request's language.
  func words(_ request: Request, field: String? = nil) -> Messages {
    survey.words(for: survey.version(for: language(of: request, field: field)))
  }

  private func showForm(_ request: Request, token: String) async throws -> Response {
    let invitation: Invitation
    let words = words(request)
    switch try await lookup(token, words: words) {
    case .refused(let response): return response
    case .open(let open): invitation = open
    }
    let ticket: String
    do {
      ticket = try await withStoreRetry(route: "GET /t/:token") { try await store.issueTicket(for: invitation, lifetime: limits.ticketHours) }
    } catch let error as StoreError {
      return unavailable(error, route: "GET /t/:token", words: words)
    }
    return page(
      FormPages.form(survey: survey, team: invitation.team, ticket: ticket, language: language(of: request), invited: invitation.attributes), .ok)
  }

  private func receive(_ request: Request, token: String) async throws -> Response {
    var words = words(request)
    guard sameOrigin(request) else { return page(FormPages.refusal(.crossSite, words), .forbidden) }
    switch try await lookup(token, words: words) {
    case .refused(let response): return response
    case .open: break
    }
    let body = try await request.body.collect(upTo: Self.maxBody)
    let submission: Submission
    do {
      submission = try Submission.parse(String(buffer: body), items: survey.items, attributes: survey.attributes)
    } catch {
      return page(FormPages.refusal(.invalidAnswer, words), .badRequest)
    }
    // The language the form was shown in (its hidden field), if the survey is offered in it.
    let language =
      submission.language.flatMap { given in survey.languages.first { $0.lowercased() == given.lowercased() } } ?? survey.versions[0].language
    words = survey.words(for: survey.version(for: language))
    guard let ticket = submission.ticket, !ticket.isEmpty else { return page(FormPages.refusal(.missingTicket, words), .forbidden) }
    guard submission.answeredCount > 0 else { return page(FormPages.refusal(.noAnswers, words), .badRequest) }
    let outcome: SubmissionOutcome
    do {
      outcome = try await withStoreRetry(route: "POST /t/:token") {
        try await store.submit(
          token: token, ticket: ticket, wave: wave, answers: submission.answers, comments: submission.comments, language: language,
          attributes: submission.attributes)
      }
    } catch let error as StoreError {
      return unavailable(error, route: "POST /t/:token", words: words)
    }
    switch outcome {
    case .stored: return page(FormPages.thanks(survey: survey, answered: submission.answeredCount, language: language), .ok)
    case .alreadySubmitted: return page(FormPages.refusal(.alreadySubmitted, words), .conflict)
    case .invitationSpent: return page(FormPages.refusal(.spent, words), .conflict)
    case .unknownTicket: return page(FormPages.refusal(.forgedTicket, words), .forbidden)
    case .ticketExpired: return page(FormPages.refusal(.ticketExpired, words), .forbidden)
    case .unknownInvitation: return page(FormPages.refusal(.unknownInvitation, words), .notFound)
    case .invitationExpired: return page(FormPages.refusal(.expired, words), .gone)
    }
  }

  private enum Lookup {
    case open(Invitation)
    case refused(Response)
  }

  /// The open invitation of a token, or the page refusing it (unknown, expired, used up, or
  /// opened too often this minute).
  private func lookup(_ token: String, words: Messages) async throws -> Lookup {
    let found: InvitationLookup
    do {
      found = try await store.invitation(token: token, wave: wave)
    } catch let error as StoreError {
      return .refused(unavailable(error, route: "/t/:token", words: words))
    }
    if found != .unknown, !(await limiter.allow(Digest.sha256(token), at: Date().timeIntervalSince1970)) {
      return .refused(page(FormPages.refusal(.tooMany, words), .tooManyRequests, headers: [.retryAfter: "60"]))
    }
    switch found {
    case .open(let invitation): return .open(invitation)
    case .unknown: return .refused(page(FormPages.refusal(.unknownInvitation, words), .notFound))
    case .expired: return .refused(page(FormPages.refusal(.expired, words), .gone))
    case .spent: return .refused(page(FormPages.refusal(.spent, words), .conflict))
    }
  }

  /// Runs a store operation, trying again (after a short pause) while the store is busy.
  private func withStoreRetry<T: Sendable>(route: String, _ body: () async throws -> T) async throws -> T {
    var attempt = 1
    while true {
      do {
        return try await body()
      } catch let error as StoreError where error.isBusy && attempt < limits.storeAttempts {
        log.warning("store_busy_retry", metadata: ["route": "\(route)", "attempt": "\(attempt)"])
        try? await Task.sleep(nanoseconds: UInt64(attempt) * 50_000_000)
        attempt += 1
      }
    }
  }

  /// The 503 page for a store that failed (busy past every attempt, full, damaged), logged.
  private func unavailable(_ error: StoreError, route: String, words: Messages) -> Response {
    log.error(error.isBusy ? "store_busy" : "store_failed", metadata: ["status": "503", "route": "\(route)", "reason": "\(error.message)"])
    return page(FormPages.refusal(.busy, words), .serviceUnavailable, headers: [.retryAfter: "5"])
  }

  /// False when the browser says the form was sent from another site: an `Origin` header
  /// that is not the public origin (`--public-url`), or without one, the origin the server
  /// listens on. The `Host` header is not trusted (a proxy may rewrite it).
  func sameOrigin(_ request: Request) -> Bool {
    guard let origin = request.headers[.origin] else { return true }
    guard let given = Origin.of(origin) else { return false }
    if let publicOrigin { return given == publicOrigin }
    return listening.contains(given)
  }

  private func page(_ page: HTMLPage, _ status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
    PageMiddleware<BasicRequestContext>.page(page, status: status, headers: headers)
  }
}
