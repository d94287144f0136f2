import Foundation
import GRDB
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `cultivar serve` answered over real HTTP on loopback.
@Suite(.serialized) struct ServeCommandTests {
  /// A running `cultivar serve`, stopped by its process id.
  final class Server {
    let process = Process()
    let base: URL

    let logURL: URL
    var port: Int { base.port ?? 0 }
    /// What the server wrote to standard error so far.
    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// - Parameter fileLimit: the server's open-file limit (`ulimit -n`), e.g. the common 1024.
    init(_ box: Sandbox, wave: String, _ extra: [String] = [], fileLimit: Int? = nil, survey: String = "surveys/learning-culture.yaml") throws {
      let log = box.url.appendingPathComponent("serve-\(UUID().uuidString.prefix(6)).log")
      logURL = log
      FileManager.default.createFile(atPath: log.path, contents: nil)
      let arguments = ["serve", survey, "--wave", wave, "--port", "0"] + (box.storeAddress.map { ["--store", $0] } ?? []) + extra
      if let fileLimit {
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -n \(fileLimit) && exec \"$0\" \"$@\"", Cultivar.binary.path] + arguments
      } else {
        process.executableURL = Cultivar.binary
        process.arguments = arguments
      }
      process.currentDirectoryURL = box.url
      process.standardOutput = FileHandle.nullDevice
      process.standardError = try FileHandle(forWritingTo: log)
      try process.run()
      var found: URL?
      for _ in 0..<400 where found == nil && process.isRunning {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        if let range = text.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression) { found = URL(string: String(text[range])) }
        usleep(50_000)
      }
      guard let found else {
        throw ServerError(log: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
      }
      base = found
    }

    struct ServerError: Error, CustomStringConvertible {
      let log: String
      var description: String { "cultivar serve did not start:\n\(log)" }
    }

    func stop() {
      guard process.isRunning else { return }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  struct Reply {
    var status: Int
    var body: String
    var headers: [AnyHashable: Any]
  }

  static let session: URLSession = {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = 64
    configuration.timeoutIntervalForRequest = 30
    return URLSession(configuration: configuration)
  }()

  static func get(_ url: URL) async throws -> Reply {
    let (data, response) = try await session.data(from: url)
    let http = response as! HTTPURLResponse
    return Reply(status: http.statusCode, body: String(decoding: data, as: UTF8.self), headers: http.allHeaderFields)
  }

  static func post(_ url: URL, _ body: String, origin: String? = nil, host: String? = nil) async throws -> Reply {
    var request = URLRequest(url: url)
    request.httpMethod = "POST"
    request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
    if let origin { request.setValue(origin, forHTTPHeaderField: "Origin") }
    if let host { request.setValue(host, forHTTPHeaderField: "Host") }
    request.httpBody = Data(body.utf8)
    let (data, response) = try await session.data(for: request)
    let http = response as! HTTPURLResponse
    return Reply(status: http.statusCode, body: String(decoding: data, as: UTF8.self), headers: http.allHeaderFields)
  }

  /// The one-time ticket in a form page.
  static func ticket(in page: String) -> String? {
    guard let range = page.range(of: #"name="ticket" value="[A-Za-z0-9_-]+""#, options: .regularExpression) else { return nil }
    return page[range].split(separator: "\"").last.map(String.init)
  }

  /// A wave with `count` single-use links each for Engineering and Sales.
  func invited(count: Int = 2, _ extra: String..., backend: Backend = .sqlite) throws -> (Sandbox, [String: [URL]]) {
    let box = try Sandbox(backend: backend)
    var links: [String: [URL]] = [:]
    for team in ["Engineering", "Sales"] {
      let result = try box.run(
        ["invite", "surveys/learning-culture.yaml", "--wave", "2026-q3", "--team", team, "--count", "\(count)", "--base-url", "http://127.0.0.1:1"]
          + extra)
      #expect(result.status == 0, "\(result.stderr)")
      for line in result.stdout.split(separator: "\n").dropFirst() {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count == 2 { links[String(parts[0]), default: []].append(URL(string: String(parts[1]))!) }
      }
    }
    // The store holds only hashes of the tokens.
    let tokens = links.values.flatMap { $0.map(\.lastPathComponent) }
    let stored = try StoreQuery.strings(box.storeForQueries, "SELECT token_hash FROM invitation")
    #expect(stored.count == tokens.count && !stored.contains { tokens.contains($0) })
    return (box, links)
  }

  /// The invitation link on the running server.
  func link(_ server: Server, _ invitation: URL) -> URL {
    server.base.appendingPathComponent("t").appendingPathComponent(invitation.lastPathComponent)
  }

  /// The responses stored (staged or not), on either backend.
  func responseCount(_ box: Sandbox) throws -> Int { try StoreQuery.int(box.storeForQueries, "SELECT COUNT(*) FROM response") }

  func responses(_ box: Sandbox) throws -> [Row] {
    try DatabaseQueue(path: box.path("cultivar.sqlite")).read { db in try Row.fetchAll(db, sql: "SELECT * FROM response") }
  }

  @Test func acceptsAValidSubmissionAndRejectsForgeriesAndReplays() async throws {
    let (box, links) = try invited()
    let server = try Server(box, wave: "2026-q3")
    defer { server.stop() }
    let engineering = link(server, links["Engineering"]![0])

    let form = try await Self.get(engineering)
    #expect(form.status == 200)
    #expect(form.body.contains("Team: <strong>Engineering</strong>"))
    #expect(form.body.contains("I can describe in my own words where our organisation wants to be in a few years."))
    #expect(form.headers["Cache-Control"] as? String == "no-store")
    #expect(form.headers["Referrer-Policy"] as? String == "same-origin")
    let ticket = try #require(Self.ticket(in: form.body))

    let answers = "a.sv1=4&a.sv2=5&a.pm1=2"
    let stored = try await Self.post(engineering, "ticket=\(ticket)&\(answers)")
    #expect(stored.status == 200)
    #expect(stored.body.contains("Your answers to 3 of 20 questions were received."))

    // The same form again, or any form of the spent link: refused.
    let replay = try await Self.post(engineering, "ticket=\(ticket)&\(answers)")
    #expect(replay.status == 409)
    #expect(replay.body.contains("already used"))

    let unspent = link(server, links["Engineering"]![1])
    let missing = try await Self.post(unspent, answers)
    #expect(missing.status == 403)
    #expect(missing.body.contains("security token is missing"))

    let forgedTicket = try await Self.post(unspent, "ticket=\(String(repeating: "A", count: 43))&\(answers)")
    #expect(forgedTicket.status == 403)
    #expect(forgedTicket.body.contains("was not issued by this survey"))
    // A ticket shown for one link (spent or not) does not work with another.
    #expect(try await Self.post(unspent, "ticket=\(ticket)&\(answers)").status == 403)

    let forgedToken = server.base.appendingPathComponent("t").appendingPathComponent(String(repeating: "x", count: 43))
    let unknown = try await Self.post(forgedToken, "ticket=\(ticket)&\(answers)")
    #expect(unknown.status == 404)
    #expect(unknown.body.contains("This invitation link is not valid"))
    #expect(try await Self.get(forgedToken).status == 404)

    // A ticket issued to one team's link cannot be used with another's.
    let sales = link(server, links["Sales"]![0])
    let salesTicket = try #require(Self.ticket(in: try await Self.get(sales).body))
    #expect(try await Self.post(unspent, "ticket=\(salesTicket)&\(answers)").status == 403)

    let crossSite = try await Self.post(sales, "ticket=\(salesTicket)&\(answers)", origin: "https://evil.example")
    #expect(crossSite.status == 403)
    let invalid = try await Self.post(sales, "ticket=\(salesTicket)&a.sv1=9")
    #expect(invalid.status == 400)

    // Exactly one response stored, with nothing but team, channel and day.
    let rows = try responses(box)
    #expect(rows.count == 1)
    let row = try #require(rows.first)
    #expect(Set(row.columnNames) == ["id", "wave_id", "team", "channel", "import_id", "source_key", "received_on", "language"])
    #expect(row["team"] as String? == "Engineering")
    #expect(row["channel"] as String? == "web")
    #expect((row["source_key"] as String?) == nil)
    #expect((row["received_on"] as String?)?.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil)
  }

  @Test func neverServesResults() async throws {
    let (box, _) = try invited()
    try box.run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "2026-q3")
    let server = try Server(box, wave: "2026-q3")
    defer { server.stop() }
    for path in ["results", "score", "t", "api/results", "cultivar.sqlite", "t/x/results"] {
      let reply = try await Self.get(server.base.appendingPathComponent(path))
      #expect(reply.status == 404, "\(path)")
      #expect(!reply.body.contains("Index") && !reply.body.contains("Engineering"), "\(path)")
    }
    #expect(try await Self.get(server.base).body.contains("Open the invitation link"))
  }

  @Test func keepsServingUnderABurst() async throws {
    let (box, links) = try invited(count: 41)
    let server = try Server(box, wave: "2026-q3", ["--opens-per-minute", "100"])
    defer { server.stop() }
    let burst = 80
    let engineering = links["Engineering"]!.map { link(server, $0) }
    let sales = links["Sales"]!.map { link(server, $0) }
    let started = Date()
    let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
      for n in 0..<burst {
        group.addTask {
          let url = n % 2 == 0 ? engineering[n / 2] : sales[n / 2]
          let page = try await Self.get(url)
          guard let ticket = Self.ticket(in: page.body) else { return page.status }
          return try await Self.post(url, "ticket=\(ticket)&a.sv1=\(1 + n % 5)&a.st4=3").status
        }
      }
      var all: [Int] = []
      for try await status in group { all.append(status) }
      return all
    }
    let seconds = Date().timeIntervalSince(started)
    print("burst: \(burst) form loads + submissions in \(String(format: "%.2f", seconds)) s")
    #expect(statuses.count == burst && statuses.allSatisfy { $0 == 200 }, "\(statuses)")

    // The same form sent 20 times at once: stored once, refused 19 times.
    let spare = sales[burst / 2]
    let ticket = try #require(Self.ticket(in: try await Self.get(spare).body))
    let replays = try await withThrowingTaskGroup(of: Int.self) { group in
      for _ in 0..<20 { group.addTask { try await Self.post(spare, "ticket=\(ticket)&a.sv1=5").status } }
      var all: [Int] = []
      for try await status in group { all.append(status) }
      return all
    }
    #expect(replays.filter { $0 == 200 }.count == 1)
    #expect(replays.filter { $0 == 409 }.count == 19)
    #expect(try responses(box).count == burst + 1)
    #expect(server.process.isRunning)
    #expect(try await Self.get(server.base).status == 200)
  }

  @Test func serveNeedsAnExistingWave() throws {
    let box = try Sandbox()
    try box.run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "2026-q2")
    let result = try box.run("serve", "surveys/learning-culture.yaml", "--wave", "2026-q9", "--port", "0")
    #expect(result.status == 66)
    #expect(result.stderr.contains("no wave '2026-q9'"))
    for arguments in [
      ["--team", " ", "--count", "2"], ["--team", "A"], ["--team", "A", "--count", "0"], ["--team", "A", "--count", "2", "--expires-in", "0"],
      ["--count", "3"],
    ] {
      let result = try box.run(["invite", "surveys/learning-culture.yaml", "--wave", "w"] + arguments)
      #expect(result.status == 64, "\(arguments): \(result.stderr)")
    }
  }

  // MARK: One person, one response

  /// GETs the form at `url` and POSTs `answers` with its ticket; returns the POST's status
  /// (or the GET's, when it shows no form).
  static func answer(_ url: URL, _ answers: String = "a.sv1=4") async throws -> Int {
    let page = try await get(url)
    guard let ticket = ticket(in: page.body) else { return page.status }
    return try await post(url, "ticket=\(ticket)&\(answers)").status
  }

  @Test(arguments: Backend.underTest) func singleUseTokensStoreOneResponseEachOverHTTP(_ backend: Backend) async throws {
    let (box, links) = try invited(count: 3, backend: backend)
    let server = try Server(box, wave: "2026-q3")
    defer { server.stop() }
    let engineering = links["Engineering"]!.map { link(server, $0) }
    #expect(engineering.count == 3)
    for url in engineering { #expect(try await Self.answer(url) == 200) }
    // Every further submission, with any of the N tokens, is refused: the (N+1)th and reuse.
    for url in engineering {
      let again = try await Self.get(url)
      #expect(again.status == 409)
      #expect(again.body.contains("already used"))
      #expect(again.headers["Content-Security-Policy"] != nil)
    }
    #expect(try responseCount(box) == 3)
  }

  @Test func aPeopleFileIsReadForTeamsAndCountsOnly() throws {
    let box = try Sandbox()
    try box.write(
      "people.csv",
      "name,email,team\nAda Lovelace,ada@example.org,Engineering\n\"Grace, H\",grace@example.org,Engineering\nLinus,linus@example.org,Sales\n")
    let made = try box.run("invite", "surveys/learning-culture.yaml", "--wave", "2026-q3", "--people", "people.csv")
    #expect(made.status == 0, "\(made.stderr)")
    let lines = made.stdout.split(separator: "\n").dropFirst()
    #expect(lines.filter { $0.hasPrefix("Engineering ") }.count == 2 && lines.filter { $0.hasPrefix("Sales ") }.count == 1)
    #expect(made.stdout.contains("3 single-use links, one per person"))
    // Nothing of the file but team names reaches the store (or its log).
    var bytes = try Data(contentsOf: URL(fileURLWithPath: box.path("cultivar.sqlite")))
    bytes += (try? Data(contentsOf: URL(fileURLWithPath: box.path("cultivar.sqlite-wal")))) ?? Data()
    let text = String(decoding: bytes, as: UTF8.self)
    for secret in ["Ada", "Grace", "Linus", "example.org"] { #expect(!text.contains(secret), "\(secret) is in the store") }
    #expect(text.contains("Engineering"))
    let missing = try box.write("bad.csv", "name,group\nA,B\n")
    let refused = try box.run("invite", "surveys/learning-culture.yaml", "--wave", "2026-q3", "--people", missing)
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("bad.csv:1: error: the people file has no 'team' column"), "\(refused.stderr)")
  }

  @Test func aSharedLinkIsCappedAndWarnedAbout() async throws {
    let box = try Sandbox()
    let made = try box.run("invite", "surveys/learning-culture.yaml", "--wave", "2026-q3", "--team", "Sales", "--count", "3", "--shared")
    #expect(made.status == 0)
    #expect(made.stderr.contains("warning: team 'Sales' gets one shared link that accepts up to 3 responses"))
    let lines = made.stdout.split(separator: "\n").dropFirst()
    #expect(lines.count == 1)
    let shared = URL(string: String(lines.first!.split(separator: " ").last!))!
    let server = try Server(box, wave: "2026-q3")
    defer { server.stop() }
    let url = link(server, shared)
    var statuses: [Int] = []
    for _ in 0..<4 { statuses.append(try await Self.answer(url)) }
    #expect(statuses == [200, 200, 200, 409])
    #expect(try responses(box).count == 3)
  }

  @Test(arguments: Backend.underTest) func sixtyFourConcurrentSubmissionsWithOneTokenStoreExactlyOne(_ backend: Backend) async throws {
    let (box, links) = try invited(count: 1, backend: backend)
    let server = try Server(box, wave: "2026-q3", ["--opens-per-minute", "1000"])
    defer { server.stop() }
    let url = link(server, links["Engineering"]![0])
    var tickets: [String] = []
    for _ in 0..<64 { tickets.append(try #require(Self.ticket(in: try await Self.get(url).body))) }
    let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
      for (n, ticket) in tickets.enumerated() { group.addTask { try await Self.post(url, "ticket=\(ticket)&a.sv1=\(1 + n % 5)").status } }
      var all: [Int] = []
      for try await status in group { all.append(status) }
      return all
    }
    #expect(statuses.filter { $0 == 200 }.count == 1, "\(statuses)")
    #expect(statuses.filter { $0 == 409 }.count == 63)
    #expect(try responseCount(box) == 1)
  }

  @Test func openingALinkTooOftenIsRefusedForAMinute() async throws {
    let (box, links) = try invited(count: 1)
    let server = try Server(box, wave: "2026-q3", ["--opens-per-minute", "5"])
    defer { server.stop() }
    let url = link(server, links["Sales"]![0])
    var statuses: [Int] = []
    for _ in 0..<7 { statuses.append(try await Self.get(url).status) }
    // The limit may straddle a minute boundary: at least 5 served, and a refusal with headers.
    #expect(statuses.prefix(5).allSatisfy { $0 == 200 })
    let refused = try await Self.get(url)
    if statuses.contains(429) || refused.status == 429 {
      #expect(refused.status == 429 || statuses.last == 429)
    } else {
      Issue.record("no request was refused: \(statuses)")
    }
  }

  @Test func theStoredOrderIsUnrelatedToTheOrderOfSubmission() async throws {
    let count = 60
    let (box, links) = try invited(count: count / 2)
    let server = try Server(box, wave: "2026-q3")
    defer { server.stop() }
    let urls = zip(links["Engineering"]!, links["Sales"]!).flatMap { [link(server, $0), link(server, $1)] }
    // Submission n answers sv1..sv3 with the base-5 digits of n: the answers name the order.
    for (n, url) in urls.enumerated() {
      #expect(try await Self.answer(url, "a.sv1=\(1 + n % 5)&a.sv2=\(1 + (n / 5) % 5)&a.sv3=\(1 + n / 25)") == 200)
    }
    let rows = try DatabaseQueue(path: box.path("cultivar.sqlite")).read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT r.id, r.received_on, (SELECT value FROM answer WHERE response_id = r.id AND item_id = 'sv1') AS a,
            (SELECT value FROM answer WHERE response_id = r.id AND item_id = 'sv2') AS b,
            (SELECT value FROM answer WHERE response_id = r.id AND item_id = 'sv3') AS c
          FROM response r
          """)
    }
    #expect(rows.count == count)
    let ids = rows.map { $0["id"] as Data }
    #expect(ids.allSatisfy { $0.count == 16 } && Set(ids).count == count)
    let order = rows.map { row -> Int in
      let a = Int(row["a"] as Double) - 1
      let b = Int(row["b"] as Double) - 1
      let c = Int(row["c"] as Double) - 1
      return a + 5 * b + 25 * c
    }
    #expect(Set(order) == Set(0..<count))
    let n = Double(count)
    let squares = order.enumerated().reduce(0.0) { $0 + pow(Double($1.offset - $1.element), 2) }
    let rho = 1 - 6 * squares / (n * (n * n - 1))
    // Random order: |rho| is about 0.13 on average; 0.5 is nearly 4 standard deviations.
    #expect(abs(rho) < 0.5, "stored order follows submission order: rank correlation \(rho)")
    #expect(rows.allSatisfy { ($0["received_on"] as String).count == 10 })
  }

  // MARK: Faults

  @Test func halfOpenConnectionsDoNotStopASubmission() async throws {
    RawSocket.raiseFileLimit()
    let (box, links) = try invited(count: 1)
    // With the usual limit of 1024 open files, 1,100 idle connections would exhaust the
    // server's descriptors if it kept them all (with no connection limit, this submission
    // takes over 10 s; the default limit is 512 connections).
    let server = try Server(box, wave: "2026-q3", fileLimit: 1024)
    defer { server.stop() }
    var held: [Int32] = []
    defer { for fd in held { close(fd) } }
    for n in 0..<1100 {
      guard let fd = RawSocket.connect(port: server.port) else { continue }
      if n % 2 == 0 { RawSocket.send(fd, "GET /t/") }  // half a request line; the rest never comes
      held.append(fd)
    }
    #expect(held.count >= 1000, "only \(held.count) connections could be opened")
    let started = Date()
    let status = try await Self.answer(link(server, links["Engineering"]![0]))
    let seconds = Date().timeIntervalSince(started)
    print("submission with \(held.count) half-open connections held: \(String(format: "%.3f", seconds)) s")
    #expect(status == 200)
    #expect(seconds < 5, "the submission took \(seconds) s")
    #expect(server.process.isRunning)
  }

  @Test(arguments: Backend.underTest) func anImportDoesNotHoldUpTheForm(_ backend: Backend) async throws {
    let (box, _) = try invited(count: 1, backend: backend)
    let made = try box.run("invite", "surveys/learning-culture.yaml", "--wave", "2026-q3", "--team", "Load", "--count", "4000")
    let tokens = made.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: "/").last.map(String.init) }
    #expect(tokens.count == 4000)
    try box.write("big.csv", KillDuringImportTests.bigFile(rows: 40_000))
    let server = try Server(box, wave: "2026-q3")
    defer { server.stop() }
    let importer = Process()
    importer.executableURL = Cultivar.binary
    importer.arguments = [
      "import", "surveys/learning-culture.yaml", "big.csv", "--wave", "2026-q3", "--store", box.storeAddress ?? "cultivar.sqlite",
    ]
    importer.currentDirectoryURL = box.url
    importer.standardOutput = FileHandle.nullDevice
    importer.standardError = FileHandle.nullDevice
    final class Pool: @unchecked Sendable {
      let lock = NSLock()
      var tokens: [String]
      var latencies: [Double] = []
      var statuses: [Int] = []
      init(_ tokens: [String]) { self.tokens = tokens }
      func take() -> String? { lock.withLock { tokens.popLast() } }
      func record(_ seconds: Double, _ status: Int) {
        lock.withLock {
          latencies.append(seconds)
          statuses.append(status)
        }
      }
    }
    let pool = Pool(tokens)
    try importer.run()
    let base = server.base
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<8 {
        group.addTask {
          while importer.isRunning, let token = pool.take() {
            let url = base.appendingPathComponent("t").appendingPathComponent(token)
            let started = Date()
            let status = (try? await Self.answer(url, "a.sv1=3&a.pm2=4")) ?? -1
            pool.record(Date().timeIntervalSince(started), status)
          }
        }
      }
    }
    importer.waitUntilExit()
    #expect(importer.terminationStatus == 0)
    let sorted = pool.latencies.sorted()
    let worst = sorted.last ?? 0
    print(
      "during a 40,000-row import: \(sorted.count) form loads + submissions by 8 clients, median \(Int((sorted.isEmpty ? 0 : sorted[sorted.count / 2]) * 1000)) ms, max \(Int(worst * 1000)) ms"
    )
    #expect(sorted.count >= 8, "the import ended before the clients could submit")
    #expect(pool.statuses.allSatisfy { $0 == 200 }, "\(Dictionary(grouping: pool.statuses, by: { $0 }).mapValues(\.count))")
    // Generous: a busy store holds the form up for seconds (the import used to hold the lock
    // for the whole import; the form then answered 503 after 3 s of retries).
    #expect(worst < 2.5, "a submission took \(worst) s")
    let counts = try StoreQuery.int(box.storeForQueries, "SELECT COUNT(*) FROM visible_response WHERE channel = 'web'")
    #expect(counts == pool.statuses.count)
    #expect(try StoreQuery.int(box.storeForQueries, "SELECT COUNT(*) FROM visible_response WHERE channel = 'import'") == 40_000)
  }

  @Test func slowClientsAreCutOffByTheirTimeouts() async throws {
    let (box, links) = try invited(count: 1)
    let server = try Server(box, wave: "2026-q3", ["--read-timeout", "1", "--request-timeout", "2", "--idle-timeout", "1"])
    defer { server.stop() }
    let token = links["Sales"]![0].lastPathComponent
    /// Seconds until the server closes `fd` (reading whatever it sends), at most 8.
    func secondsUntilClosed(_ fd: Int32) -> Double {
      let started = Date()
      _ = RawSocket.receive(fd, timeout: 8)
      return Date().timeIntervalSince(started)
    }
    // Silent, half a head, a slow body, and idle after an answer: each closed near its limit.
    let silent = try #require(RawSocket.connect(port: server.port))
    let halfHead = try #require(RawSocket.connect(port: server.port))
    RawSocket.send(halfHead, "GET /t/\(token) HTTP/1.1\r\nHost: x\r\n")
    let slowBody = try #require(RawSocket.connect(port: server.port))
    RawSocket.send(slowBody, "POST /t/\(token) HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nticket=")
    let idle = try #require(RawSocket.connect(port: server.port))
    RawSocket.send(idle, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    defer { for fd in [silent, halfHead, slowBody, idle] { close(fd) } }
    let waits = [silent, halfHead, slowBody, idle].map(secondsUntilClosed)
    print("closed after \(waits.map { String(format: "%.1f", $0) }) s")
    #expect(waits.allSatisfy { $0 < 6 }, "a slow client was kept: \(waits)")
    #expect(server.process.isRunning)
    // The cut-off connections are counted in one log line (every 10 s).
    var logged = ""
    for _ in 0..<150 where !logged.contains("event=connections_closed") {
      usleep(100_000)
      logged = server.log
    }
    #expect(logged.contains("event=connections_closed") && logged.contains("read_timeouts=2") && logged.contains("request_timeouts=1"), "\(logged)")
    #expect(try await Self.get(server.base).status == 200)
  }

  @Test func everyAnswerCarriesTheSecurityHeadersAndFailuresAreLogged() async throws {
    let (box, links) = try invited(count: 1)
    let server = try Server(box, wave: "2026-q3")
    defer { server.stop() }
    let url = link(server, links["Sales"]![0])
    let token = url.lastPathComponent
    let required = [
      "cache-control: no-store", "referrer-policy: same-origin", "x-frame-options: deny", "x-content-type-options: nosniff",
      "content-security-policy: default-src 'none'",
    ]
    func check(_ raw: String, status: Int, _ label: String) {
      let head = raw.lowercased()
      #expect(head.hasPrefix("http/1.1 \(status)"), "\(label): \(raw.prefix(80))")
      for header in required { #expect(head.contains(header), "\(label) lacks \(header)") }
    }
    check(RawSocket.exchange(port: server.port, "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), status: 404, "404")
    check(RawSocket.exchange(port: server.port, "DELETE /t/\(token) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), status: 405, "405")
    check(RawSocket.exchange(port: server.port, "PUT / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), status: 405, "405 on /")
    check(RawSocket.exchange(port: server.port, "THIS IS NOT HTTP\r\n\r\n"), status: 400, "parser 400")
    let big = String(repeating: "a", count: 300 * 1024)
    check(
      RawSocket.exchange(
        port: server.port,
        "POST /t/\(token) HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(big.utf8.count)\r\nConnection: close\r\n\r\n\(big)"
      ), status: 413, "413")
    check(
      RawSocket.exchange(port: server.port, "POST /t/\(token) HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\nConnection: close\r\n\r\nticket=x&"),
      status: 400, "400 from the form")
    usleep(200_000)
    let log = server.log
    #expect(log.contains("event=refused") && log.contains("status=404") && log.contains("status=405") && log.contains("status=413"), "\(log)")
    #expect(!log.contains(token), "the log names a token")
    #expect(log.split(separator: "\n").filter { $0.contains("event=") }.allSatisfy { !$0.contains("127.0.0.1") }, "the log names an address")
  }

  @Test func aBusyStoreGetsA503PageWithHeadersAndOneLogLine() async throws {
    let (box, links) = try invited(count: 1)
    let server = try Server(box, wave: "2026-q3")
    defer { server.stop() }
    let url = link(server, links["Engineering"]![0])
    let ticket = try #require(Self.ticket(in: try await Self.get(url).body))
    // Another process holds the write lock far longer than the form waits (3 x 1 s).
    let holder = try DatabaseQueue(path: box.path("cultivar.sqlite"))
    let locked = DispatchSemaphore(value: 0)
    let hold = Thread {
      try? holder.writeWithoutTransaction { db in
        try db.execute(sql: "BEGIN EXCLUSIVE")
        locked.signal()
        Thread.sleep(forTimeInterval: 6)
        try db.execute(sql: "COMMIT")
      }
    }
    hold.start()
    locked.wait()
    let reply = try await Self.post(url, "ticket=\(ticket)&a.sv1=3")
    #expect(reply.status == 503)
    #expect(reply.body.contains("Please try again"))
    #expect(reply.headers["Retry-After"] as? String != nil)
    #expect(reply.headers["Content-Security-Policy"] as? String != nil && reply.headers["Cache-Control"] as? String == "no-store")
    let lines = server.log.split(separator: "\n").filter { $0.contains("event=store_busy ") }
    #expect(lines.count == 1, "\(server.log)")
    #expect(lines.first?.contains("status=503") == true)
    #expect(server.log.contains("event=store_busy_retry"))
    while hold.isExecuting || !hold.isFinished { usleep(50_000) }
    // Once the lock is gone the same form is accepted: nothing was stored before.
    #expect(try await Self.post(url, "ticket=\(ticket)&a.sv1=3").status == 200)
    #expect(try responses(box).count == 1)
  }

  @Test func theOriginIsComparedWithThePublicURLNotTheHostHeader() async throws {
    let (box, links) = try invited(count: 2)
    let server = try Server(box, wave: "2026-q3", ["--public-url", "https://survey.example.org/"])
    defer { server.stop() }
    let first = link(server, links["Engineering"]![0])
    let second = link(server, links["Engineering"]![1])
    // Behind a proxy: the browser's origin is the public one, the Host header is the proxy's.
    let ticket = try #require(Self.ticket(in: try await Self.get(first).body))
    let accepted = try await Self.post(first, "ticket=\(ticket)&a.sv1=2", origin: "https://survey.example.org", host: "127.0.0.1:9")
    #expect(accepted.status == 200)
    let other = try #require(Self.ticket(in: try await Self.get(second).body))
    let local = "http://127.0.0.1:\(server.port)"
    #expect(try await Self.post(second, "ticket=\(other)&a.sv1=2", origin: local).status == 403)
    #expect(try await Self.post(second, "ticket=\(other)&a.sv1=2", origin: "https://survey.example.org.evil.example").status == 403)
    #expect(try await Self.post(second, "ticket=\(other)&a.sv1=2", origin: "null").status == 403)
    #expect(try responses(box).count == 1)
  }

  @Test func aBackupWhileServingHoldsEveryResponseInOneFile() async throws {
    let (box, links) = try invited(count: 8)
    let server = try Server(box, wave: "2026-q3")
    defer { server.stop() }
    for url in links["Engineering"]! + links["Sales"]! { #expect(try await Self.answer(link(server, url)) == 200) }
    let backup = try box.run("store", "backup", "copy.sqlite")
    #expect(backup.status == 0, "\(backup.stderr)")
    #expect(backup.stdout.contains("1 wave, 16 responses"))
    // Only the backup file, moved elsewhere, with no -wal beside it.
    let other = try Sandbox()
    try FileManager.default.moveItem(atPath: box.path("copy.sqlite"), toPath: other.path("moved.sqlite"))
    let score = try other.run("score", "surveys/learning-culture.yaml", "--wave", "2026-q3", "--store", "moved.sqlite", "--format", "csv")
    #expect(score.stderr.contains("16 rows read"), "\(score.stderr)")
    #expect(try box.run("store", "backup", "cultivar.sqlite").status == 64)
  }
}

extension Sandbox {
  /// Runs cultivar in the sandbox with arguments built at run time (on the sandbox's store).
  @discardableResult
  func run(_ arguments: [String]) throws -> Cultivar.Result {
    try Cultivar.run(arguments, in: url, environment: storeAddress.map { ["CULTIVAR_STORE": $0] } ?? [:])
  }
}
