import Foundation
import GRDB
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

    init(_ box: Sandbox, wave: String) throws {
      let log = box.url.appendingPathComponent("serve.log")
      FileManager.default.createFile(atPath: log.path, contents: nil)
      process.executableURL = Cultivar.binary
      process.arguments = ["serve", "surveys/learning-culture.yaml", "--wave", wave, "--port", "0"]
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

  static func post(_ url: URL, _ body: String, origin: String? = nil) async throws -> Reply {
    var request = URLRequest(url: url)
    request.httpMethod = "POST"
    request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
    if let origin { request.setValue(origin, forHTTPHeaderField: "Origin") }
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

  /// A wave with invitations for Engineering and Sales; returns the sandbox and the links.
  func invited() throws -> (Sandbox, [String: URL]) {
    let box = try Sandbox()
    let result = try box.run("invite", "surveys/learning-culture.yaml", "--wave", "2026-q3", "--teams", "Engineering,Sales", "--base-url", "http://127.0.0.1:1")
    #expect(result.status == 0, "\(result.stderr)")
    var links: [String: String] = [:]
    for line in result.stdout.split(separator: "\n").dropFirst() {
      let parts = line.split(separator: " ", omittingEmptySubsequences: true)
      if parts.count == 2 { links[String(parts[0])] = String(parts[1]) }
    }
    #expect(links.count == 2)
    // The store holds only hashes of the tokens.
    let token = try #require(links["Engineering"]?.split(separator: "/").last.map(String.init))
    let stored = try DatabaseQueue(path: box.path("cultivar.sqlite")).read { db in try String.fetchAll(db, sql: "SELECT token_hash FROM invitation") }
    #expect(stored.count == 2 && !stored.contains(token))
    return (box, links.mapValues { URL(string: $0)! })
  }

  /// The invitation link on the running server.
  func link(_ server: Server, _ invitation: URL) -> URL {
    server.base.appendingPathComponent("t").appendingPathComponent(invitation.lastPathComponent)
  }

  func responses(_ box: Sandbox) throws -> [Row] {
    try DatabaseQueue(path: box.path("cultivar.sqlite")).read { db in try Row.fetchAll(db, sql: "SELECT * FROM response") }
  }

  @Test func acceptsAValidSubmissionAndRejectsForgeriesAndReplays() async throws {
    let (box, links) = try invited()
    let server = try Server(box, wave: "2026-q3")
    defer { server.stop() }
    let engineering = link(server, links["Engineering"]!)

    let form = try await Self.get(engineering)
    #expect(form.status == 200)
    #expect(form.body.contains("Team: <strong>Engineering</strong>"))
    #expect(form.body.contains("I can describe in my own words where our organisation wants to be in a few years."))
    #expect(form.headers["Cache-Control"] as? String == "no-store")
    #expect(form.headers["Referrer-Policy"] as? String == "no-referrer")
    let ticket = try #require(Self.ticket(in: form.body))

    let answers = "a.sv1=4&a.sv2=5&a.pm1=2"
    let stored = try await Self.post(engineering, "ticket=\(ticket)&\(answers)")
    #expect(stored.status == 200)
    #expect(stored.body.contains("Your answers to 3 of 20 questions were received."))

    let replay = try await Self.post(engineering, "ticket=\(ticket)&\(answers)")
    #expect(replay.status == 409)
    #expect(replay.body.contains("Already received"))

    let missing = try await Self.post(engineering, answers)
    #expect(missing.status == 403)
    #expect(missing.body.contains("security token is missing"))

    let forgedTicket = try await Self.post(engineering, "ticket=\(String(repeating: "A", count: 43))&\(answers)")
    #expect(forgedTicket.status == 403)
    #expect(forgedTicket.body.contains("was not issued by this survey"))

    let forgedToken = server.base.appendingPathComponent("t").appendingPathComponent(String(repeating: "x", count: 43))
    let unknown = try await Self.post(forgedToken, "ticket=\(ticket)&\(answers)")
    #expect(unknown.status == 404)
    #expect(unknown.body.contains("This invitation link is not valid"))
    #expect(try await Self.get(forgedToken).status == 404)

    // A ticket issued to one team's link cannot be used with another's.
    let sales = link(server, links["Sales"]!)
    let salesTicket = try #require(Self.ticket(in: try await Self.get(sales).body))
    #expect(try await Self.post(engineering, "ticket=\(salesTicket)&\(answers)").status == 403)

    let crossSite = try await Self.post(sales, "ticket=\(salesTicket)&\(answers)", origin: "https://evil.example")
    #expect(crossSite.status == 403)
    let invalid = try await Self.post(sales, "ticket=\(salesTicket)&a.sv1=9")
    #expect(invalid.status == 400)

    // Exactly one response stored, with nothing but team, channel and day.
    let rows = try responses(box)
    #expect(rows.count == 1)
    let row = try #require(rows.first)
    #expect(Set(row.columnNames) == ["id", "wave_id", "team", "channel", "import_id", "source_key", "received_on"])
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
    let (box, links) = try invited()
    let server = try Server(box, wave: "2026-q3")
    defer { server.stop() }
    let engineering = link(server, links["Engineering"]!), sales = link(server, links["Sales"]!)
    let burst = 80
    let started = Date()
    let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
      for n in 0..<burst {
        group.addTask {
          let url = n % 2 == 0 ? engineering : sales
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
    let ticket = try #require(Self.ticket(in: try await Self.get(sales).body))
    let replays = try await withThrowingTaskGroup(of: Int.self) { group in
      for _ in 0..<20 { group.addTask { try await Self.post(sales, "ticket=\(ticket)&a.sv1=5").status } }
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
    let teams = try box.run("invite", "surveys/learning-culture.yaml", "--wave", "w", "--teams", "A,,B")
    #expect(teams.status == 64)
  }
}
