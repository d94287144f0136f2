import Foundation
import SurveyIO
import SurveyModel
import TestSupport
import Testing

@testable import Store

@Suite struct StoreAddressTests {
  @Test func pathsAreFilesAndPostgresAddressesAreParsed() throws {
    #expect(try StoreAddress.parse("cultivar.sqlite") == .file("cultivar.sqlite"))
    #expect(try StoreAddress.parse("/tmp/postgres.sqlite") == .file("/tmp/postgres.sqlite"))
    guard case .postgres(let address) = try StoreAddress.parse("postgres://form@db.example.org:6543/survey?sslmode=require", environment: [:]) else {
      Issue.record("expected a database")
      return
    }
    #expect(address == PostgresAddress(user: "form", host: "db.example.org", port: 6543, database: "survey", tls: .require))
    #expect(address.display == "postgres://form@db.example.org:6543/survey?sslmode=require")
    let defaulted = try PostgresAddress("postgresql://localhost/cultivar", environment: ["USER": "ana"])
    #expect(defaulted.user == "ana" && defaulted.port == 5432 && defaulted.tls == .prefer)
  }

  @Test(arguments: [
    ("postgres://form:s3cret@db/survey", "contains a password", "PGPASSWORD"),
    ("postgres://form:@db/survey", "contains a password", "~/.pgpass"),
    ("postgres://form@db/", "names no database", "postgres://USER@HOST:PORT/DATABASE"),
    ("postgres://form@/survey", "names no host", "postgres://USER@HOST:PORT/DATABASE"),
    ("postgres://form@db/survey?sslmode=sometimes", "sslmode 'sometimes' is not understood", "verify-full"),
    ("postgres://form@db/survey?application_name=x", "unknown parameter 'application_name'", "sslmode"),
    ("postgres://form@db:70000/survey", "the port 70000 is not between 1 and 65535", "postgres://USER@HOST:PORT/DATABASE"),
  ])
  func badAddressesAreRefusedWithoutShowingThePassword(text: String, message: String, hint: String) {
    do {
      _ = try StoreAddress.parse(text, environment: [:])
      Issue.record("expected \(text) to be refused")
    } catch let error as StoreError {
      #expect(error.kind == .cannotOpen)
      #expect(error.message.contains(message))
      #expect(error.hint?.contains(hint) == true)
      #expect(!error.description.contains("s3cret"))
    } catch {
      #expect(Bool(false), "unexpected \(error)")
    }
  }

  @Test func everyMigrationHasBothDialectsAndRisingVersions() {
    let versions = Migration.all.map(\.version)
    // Strictly rising (6 is numbered after the 5 another branch adds).
    #expect(zip(versions, versions.dropFirst()).allSatisfy { $0 < $1 } && versions.first == 1)
    #expect(Migration.all.allSatisfy { !$0.postgres.isEmpty })
    #expect(
      Migration.all.map(\.identifier) == [
        "v1: surveys, waves, responses, answers, invitations", "v2: random response ids, single-use tokens, staged imports", "v3: comments",
        "v4: the language each response was given in", "v5: respondent attributes as given", "v6: readers see the columns added to responses",
        "v7: each response's answers stored with it", "v8: readers find the finished imports once per read",
        "v9: answers kept ready to ship", "v10: scoring pages kept ready",
      ])
  }
}

extension PostgresAddress {
  init(user: String, host: String, port: Int, database: String, tls: TLSMode) {
    self = try! PostgresAddress("postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)", environment: [:])
  }
}

@Suite struct WaveCopyTests {
  /// A wave with imported, terminal and web responses, an import record and invitations.
  func fill(_ store: any ResponseStoring) async throws -> WaveRef {
    _ = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session in
      for n in 0..<2300 {
        try session.add(
          team: "T\(n % 4)", itemIDs: ["a", "b"], values: [Double(n % 5 + 1), n % 3 == 0 ? .nan : 0.1 * Double(n)], sourceKey: "r\(n)",
          comments: n % 7 == 0 ? [("wish", "comment \(n) ✓"), ("why", n % 2 == 0 ? " " : "why \(n)")] : [])
      }
      var counts = ImportCounts()
      counts.rowsRead = 2300
      return ((), counts)
    }
    try store.addResponse(toWave: "w", survey: stamp, team: "T1", answers: ["a": 3], comments: ["wish": "typed"])
    let wave = try store.wave("w", survey: "s")
    let tokens = try store.invite(to: wave, team: "T2", count: 3)
    let invitation = try await store.invitation(token: tokens[0], wave: wave)
    guard case .open(let open) = invitation else { throw CancellationError() }
    let ticket = try await store.issueTicket(for: open)
    #expect(try await store.submit(token: tokens[0], ticket: ticket, wave: wave, answers: ["b": 2.5], comments: ["why": "from the web"]) == .stored)
    return wave
  }

  /// Every response of a wave (by id) and its records.
  func contents(_ store: any ResponseStoring, _ wave: WaveRef) throws -> (
    rows: [ExportedResponse], imports: [ExportedImport], invitations: [ExportedInvitation], plugins: [PluginVersion]
  ) {
    let export = try store.exportWave(wave)
    var rows: [ExportedResponse] = []
    while case let page = try export.nextResponses(), !page.isEmpty { rows += page }
    return (rows, export.imports, export.invitations, export.plugins.map(\.0))
  }

  @Test(
    arguments: [(Backend.sqlite, Backend.postgres), (.postgres, .sqlite), (.sqlite, .sqlite)].filter {
      Backend.underTest.contains($0.0) && Backend.underTest.contains($0.1)
    })
  func aWaveMovesWhole(from: Backend, to: Backend) async throws {
    let (source, _) = try temporaryStore(from)
    let (target, _) = try temporaryStore(to)
    let wave = try await fill(source)
    let count = try target.receiveWave(try source.exportWave(wave), survey: stamp)
    #expect(count == 2302)
    let copied = try target.wave("w", survey: "s")
    let (a, b) = (try contents(source, wave), try contents(target, copied))
    #expect(a.rows.count == 2302 && a.rows == b.rows)
    #expect(a.rows.map(\.id) == a.rows.map(\.id).sorted { $0.lexicographicallyPrecedes($1) })
    #expect(a.imports == b.imports && a.imports.count == 1 && a.imports[0].counts.imported == 2300)
    #expect(a.invitations == b.invitations && a.invitations.count == 3)
    #expect(a.plugins == b.plugins)
    // Comments move with their responses (329 imported with 'wish', 164 of them with 'why', one typed, one from the web).
    let commentCount: Int = a.rows.reduce(0) { $0 + $1.comments.count }
    #expect(commentCount == 495)
    #expect(
      try target.unscoredAnswers(of: copied, comments: ["wish", "why"], multis: []).map(\.comments)
        == source.unscoredAnswers(of: wave, comments: ["wish", "why"], multis: []).map(\.comments))
    // Scoring reads the same rows in the same order from both.
    func read(_ store: any ResponseStoring, _ wave: WaveRef) throws -> [String] {
      let source = try store.responses(of: wave, itemIDs: ["b", "a"])
      var lines: [String] = []
      while case .row(let row)? = try source.next() { lines.append("\(row.line) \(row.team) \(row.values)") }
      return lines
    }
    #expect(try read(source, wave) == read(target, copied))
    // The copied links still work, once.
    #expect(try target.invitationSummary(of: copied) == InvitationSummary(open: 2, usesLeft: 2))
    // A second copy is refused, and changes nothing.
    #expect(throws: StoreError.self) { try target.receiveWave(try source.exportWave(wave), survey: stamp) }
    #expect(try target.responseCount(of: copied) == 2302)
  }
}
