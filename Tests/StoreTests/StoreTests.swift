import Foundation
import GRDB
import SurveyIO
import SurveyModel
import TestSupport
import Testing

@testable import Store

/// A store in a fresh temporary folder.
func temporaryStore() throws -> (ResponseStore, String) {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cultivar-store-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let path = folder.appendingPathComponent("test.sqlite").path
  return (try ResponseStore(path: path, displayName: "test.sqlite"), path)
}

let stamp = SurveyStamp(key: "s", title: "S", plugins: [PluginVersion(id: "f", version: "1.0.0")])

@Suite struct StoreTests {
  @Test(arguments: Backend.underTest) func importsAreDeduplicatedBySourceKeyWithinAWave(_ backend: Backend) throws {
    let (store, _) = try temporaryStore(backend)
    let items = ["a", "b"]
    func importRows(_ keys: [String], wave: String) throws -> ImportCounts {
      try store.importing(into: wave, survey: stamp, source: "x.csv", format: "csv") { session in
        var counts = ImportCounts()
        for key in keys {
          counts.rowsRead += 1
          try session.add(team: "T", itemIDs: items, values: [1, .nan], sourceKey: key)
        }
        return ((), counts)
      }.1
    }
    #expect(
      try importRows(["r1", "r2", "r2"], wave: "w1")
        == {
          var c = ImportCounts()
          c.rowsRead = 3
          c.imported = 2
          c.duplicates = 1
          return c
        }())
    #expect(try importRows(["r1", "r3"], wave: "w1").imported == 1)
    #expect(try importRows(["r1"], wave: "w2").imported == 1, "another wave may hold the same source key")
    let w1 = try store.wave("w1", survey: "s")
    #expect(try store.responseCount(of: w1) == 3)
    #expect(try store.plugins(of: w1) == [PluginVersion(id: "f", version: "1.0.0")])
    #expect(try store.waves(survey: "s").map(\.name) == ["w1", "w2"])
  }

  @Test(arguments: Backend.underTest) func aFailedImportLeavesNothingBehind(_ backend: Backend) throws {
    let (store, _) = try temporaryStore(backend)
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session -> (Int, ImportCounts) in
        try session.add(team: "T", itemIDs: ["a"], values: [3], sourceKey: "r1")
        throw Stop()
      }
    }
    #expect(try store.waves(survey: "s").isEmpty)
  }

  @Test(arguments: Backend.underTest) func storedResponsesReadEveryRowAcrossPages(_ backend: Backend) throws {
    let (store, _) = try temporaryStore(backend)
    _ = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session in
      for n in 0..<2025 {
        try session.add(team: "T\(n % 3)", itemIDs: ["a", "b", "gone"], values: [Double(n % 5 + 1), n % 2 == 0 ? .nan : 2, 1], sourceKey: "r\(n)")
      }
      return ((), ImportCounts())
    }
    _ = try store.importing(into: "other", survey: stamp, source: "y.csv", format: "csv") { session in
      try session.add(team: "X", itemIDs: ["a"], values: [1], sourceKey: "z")
      return ((), ImportCounts())
    }
    let source = try store.responses(of: store.wave("w", survey: "s"), itemIDs: ["b", "a"])
    var rows: [ResponseRow] = []
    while case .row(let row)? = try source.next() { rows.append(row) }
    #expect(rows.count == 2025)
    #expect(source.rowsRead == 2025)
    // Rows come in the order of their random ids: compare as multisets.
    func key(_ team: String, _ values: [Double]) -> String { team + ":" + values.map { $0.isNaN ? "-" : "\($0)" }.joined(separator: ",") }
    var expected: [String] = []
    for n in 0..<2025 {
      let b: Double = n % 2 == 0 ? .nan : 2
      expected.append(key("T\(n % 3)", [b, Double(n % 5 + 1)]))
    }
    expected.sort()
    #expect(rows.map { key($0.team, $0.values) }.sorted() == expected)
    #expect(Set(rows.map(\.line)) == Set(1...2025))
    #expect(!rows.contains { $0.team == "X" })
    #expect(source.header == ["response", "team", "b", "a"])
  }

  @Test(arguments: Backend.underTest) func missingStoresAndWavesAreNamed(_ backend: Backend) throws {
    #expect(throws: StoreError.self) { try ResponseStore(path: "/nonexistent/x.sqlite", create: false) }
    let (store, _) = try temporaryStore(backend)
    do {
      _ = try store.wave("q9", survey: "s")
      Issue.record("expected an error")
    } catch let error as StoreError {
      #expect(error.kind == .notFound)
      #expect(error.description.hasPrefix("\(store.name): error: no wave 'q9' of survey 's'"))
    }
  }

  @Test func aFileThatIsNotAStoreIsRefused() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-store-\(UUID().uuidString).sqlite").path
    try Data("hello, this is not SQLite at all, just some text that is long enough".utf8).write(to: URL(fileURLWithPath: path))
    do {
      _ = try ResponseStore(path: path, displayName: "x.sqlite")
      Issue.record("expected an error")
    } catch let error as StoreError {
      #expect(error.kind == .cannotOpen)
      #expect(error.description.contains("x.sqlite: error: cannot open the store"))
    }
  }

  @Test func aStoreFromANewerCultivarIsRefused() throws {
    let (_, path) = try temporaryStore()
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
    }
    #expect(throws: StoreError.self) { try ResponseStore(path: path) }
  }

  @Test(arguments: Backend.underTest) func reopeningMigratesNothingTwice(_ backend: Backend) throws {
    let (store, reopen) = try temporaryStore(backend)
    _ = try store.openWave("w", survey: stamp)
    let again = try reopen()
    #expect(try again.waves(survey: "s").count == 1)
  }
}

@Suite struct LocationAndDigestTests {
  @Test func storePathPrecedence() {
    #expect(StoreLocation.resolve(explicit: "a.sqlite", environment: ["CULTIVAR_STORE": "b.sqlite"], workingDirectory: "/w") == "a.sqlite")
    #expect(StoreLocation.resolve(explicit: nil, environment: ["CULTIVAR_STORE": "b.sqlite"], workingDirectory: "/w") == "b.sqlite")
    #expect(StoreLocation.resolve(explicit: nil, environment: [:], workingDirectory: "/w") == "/w/cultivar.sqlite")
  }

  @Test func tokensAreUnguessableAndHashed() {
    let tokens = Set((0..<200).map { _ in Digest.newToken() })
    #expect(tokens.count == 200)
    #expect(tokens.allSatisfy(Digest.looksLikeToken))
    #expect(!Digest.looksLikeToken("short"))
    #expect(!Digest.looksLikeToken(String(repeating: "/", count: 43)))
    #expect(Digest.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func daysHaveNoTime() {
    #expect(Day.today(Date(timeIntervalSince1970: 0)) == "1970-01-01")
    #expect(Day.today().count == 10)
  }
}
