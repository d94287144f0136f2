import Foundation
import GRDB
import SurveyIO
import SurveyModel
import TestSupport
import Testing

@testable import Store

/// Respondent attributes kept with each response as given (migration 5), on both backends:
/// written by the terminal, imports and the web form (where the invitation's own values win),
/// read back into the group keys of runs that cut by attributes, and moved by `store copy`.
@Suite struct AttributeStorageTests {
  static let location = Attribute(name: "location", values: ["Berlin", "Lisbon", "Remote"], line: 7)
  static let tenure = Attribute.banded(name: "tenure", limits: [1, 3], line: 8)
  static let attributes = [location, tenure]

  /// Response counts per group key of a wave read for a cut by attributes.
  func groups(_ store: any ResponseStoring, attributes: [Attribute] = Self.attributes) throws -> [String: Int] {
    let source = try store.responses(of: store.wave("w", survey: "s"), itemIDs: ["a"], byLanguage: false, attributes: attributes)
    var counts: [String: Int] = [:]
    while case .row(let row)? = try source.next() { counts[row.team, default: 0] += 1 }
    return counts
  }

  func key(_ team: String, _ values: Int?...) -> String { AttributeKey.compose(team: team, values: values) }

  @Test(arguments: Backend.underTest) func terminalResponsesKeepTheirAttributes(_ backend: Backend) throws {
    let (store, _) = try temporaryStore(backend)
    try store.addResponse(
      toWave: "w", survey: stamp, team: "A", answers: ["a": 1], comments: [:], language: nil, attributes: ["location": "Lisbon", "tenure": "3+"])
    try store.addResponse(toWave: "w", survey: stamp, team: "A", answers: ["a": 2], comments: [:], language: nil, attributes: ["location": "Lisbon"])
    try store.addResponse(toWave: "w", survey: stamp, team: "B", answers: ["a": 3])
    #expect(try groups(store) == [key("A", 1, 2): 1, key("A", 1, nil): 1, key("B", nil, nil): 1])
    // Without attributes asked for, the groups are the teams, as before.
    let plain = try store.responses(of: store.wave("w", survey: "s"), itemIDs: ["a"])
    var teams: [String] = []
    while case .row(let row)? = try plain.next() { teams.append(row.team) }
    #expect(teams.sorted() == ["A", "A", "B"])
  }

  @Test(arguments: Backend.underTest) func importsKeepAttributesAndADuplicateBringsNone(_ backend: Backend) throws {
    let (store, _) = try temporaryStore(backend)
    func load(_ keys: [Int]) throws {
      _ = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session in
        for n in keys {
          try session.add(
            team: "T\(n % 2)", itemIDs: ["a"], values: [Double(n % 5 + 1)], sourceKey: "r\(n)", comments: [],
            attributes: n % 3 == 0 ? [] : [("location", Self.location.values[n % 3]), ("tenure", Self.tenure.values[n % 2])])
        }
        return ((), ImportCounts())
      }
    }
    // More rows than one PostgreSQL batch or one SQLite page.
    try load(Array(0..<2500))
    try load(Array(2400..<2600))
    var expected: [String: Int] = [:]
    for n in 0..<2600 { expected[key("T\(n % 2)", n % 3 == 0 ? nil : n % 3, n % 3 == 0 ? nil : n % 2), default: 0] += 1 }
    #expect(try groups(store) == expected)
  }

  @Test(arguments: Backend.underTest) func anInvitationsAttributesReplaceTheRespondents(_ backend: Backend) async throws {
    let (store, _) = try temporaryStore(backend)
    let wave = try store.openWave("w", survey: stamp)
    let tokens = try store.invite(to: wave, team: "A", count: 2, terms: InvitationTerms(attributes: ["location": "Berlin"]))
    let plain = try store.invite(to: wave, team: "A", count: 1)
    guard case .open(let invited) = try await store.invitation(token: tokens[0], wave: wave),
      case .open(let open) = try await store.invitation(token: plain[0], wave: wave)
    else { throw CancellationError() }
    #expect(invited.attributes == ["location": "Berlin"])
    #expect(open.attributes.isEmpty)
    for (token, invitation) in [(tokens[0], invited), (plain[0], open)] {
      let ticket = try await store.issueTicket(for: invitation)
      // The respondent says Remote and gives a tenure: the invitation's Berlin stands.
      let outcome = try await store.submit(
        token: token, ticket: ticket, wave: wave, answers: ["a": 4], attributes: ["location": "Remote", "tenure": "<1"])
      #expect(outcome == .stored)
    }
    #expect(try groups(store) == [key("A", 0, 0): 1, key("A", 2, 0): 1])
  }

  @Test(arguments: Backend.underTest) func aValueTheSurveyNoLongerListsIsAnErrorNotADroppedRow(_ backend: Backend) throws {
    let (store, _) = try temporaryStore(backend)
    try store.addResponse(toWave: "w", survey: stamp, team: "A", answers: ["a": 1], comments: [:], language: nil, attributes: ["location": "Paris"])
    do {
      _ = try groups(store)
      Issue.record("expected the undeclared value to be refused")
    } catch let error as StoreError {
      #expect(error.kind == .undeclared)
      #expect(error.exitStatus == .dataError)
      #expect(error.message.contains("location 'Paris'") && error.message.contains("wave 'w'"))
      #expect(error.hint?.contains("line 7") == true)
    }
    // An attribute the survey no longer declares at all is simply not a cut.
    #expect(try groups(store, attributes: [Self.tenure]) == [key("A", nil): 1])
  }

  @Test(arguments: Backend.underTest) func storeCopyMovesAttributes(_ backend: Backend) async throws {
    let (source, _) = try temporaryStore(backend)
    try source.addResponse(
      toWave: "w", survey: stamp, team: "A", answers: ["a": 1], comments: [:], language: nil, attributes: ["location": "Remote", "tenure": "1-3"])
    let wave = try source.wave("w", survey: "s")
    let tokens = try source.invite(to: wave, team: "A", count: 1, terms: InvitationTerms(attributes: ["location": "Lisbon"]))
    // Into the same backend, and across: every backend under test from either.
    for targetBackend in Backend.underTest {
      let (target, _) = try temporaryStore(targetBackend)
      #expect(try target.receiveWave(try source.exportWave(wave), survey: stamp) == 1)
      #expect(try groups(target) == [key("A", 2, 1): 1])
      let copied = try target.wave("w", survey: "s")
      guard case .open(let invitation) = try await target.invitation(token: tokens[0], wave: copied) else { throw CancellationError() }
      #expect(invitation.attributes == ["location": "Lisbon"], "into \(targetBackend)")
    }
  }

  /// Random responses with random attributes (some not given, some names the survey does not
  /// declare) through every write path: the groups read back are those written, on both
  /// backends alike.
  @Test(arguments: Backend.underTest) func randomAttributesComeBackAsWritten(_ backend: Backend) async throws {
    let (store, _) = try temporaryStore(backend)
    var generator = SystemRandomNumberGenerator()
    var expected: [String: Int] = [:]
    func draw() -> (attributes: [String: String], key: String) {
      let team = ["A", "B", "C é"].randomElement(using: &generator)!
      let l = Int.random(in: -1..<3, using: &generator)
      let t = Int.random(in: -1..<3, using: &generator)
      var attributes: [String: String] = [:]
      if l >= 0 { attributes["location"] = Self.location.values[l] }
      if t >= 0 { attributes["tenure"] = Self.tenure.values[t] }
      if Bool.random(using: &generator) { attributes["retired-attribute"] = "anything" }
      return (attributes.merging(["team": team]) { a, _ in a }, key(team, l >= 0 ? l : nil, t >= 0 ? t : nil))
    }
    for _ in 0..<40 {
      var (attributes, key) = draw()
      let team = attributes.removeValue(forKey: "team")!
      try store.addResponse(toWave: "w", survey: stamp, team: team, answers: ["a": 1], comments: [:], language: nil, attributes: attributes)
      expected[key, default: 0] += 1
    }
    _ = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session in
      for n in 0..<300 {
        var (attributes, key) = draw()
        let team = attributes.removeValue(forKey: "team")!
        try session.add(
          team: team, itemIDs: ["a"], values: [2], sourceKey: "k\(n)", comments: [],
          attributes: attributes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        expected[key, default: 0] += 1
      }
      return ((), ImportCounts())
    }
    #expect(try groups(store) == expected)
    #expect(expected.values.reduce(0, +) == 340)
  }

  @Test func theTablesRefuseEmptyValues() throws {
    let (store, _) = try temporaryStore()
    #expect(throws: (any Error).self) {
      try store.addResponse(toWave: "w", survey: stamp, team: "A", answers: ["a": 1], comments: [:], language: nil, attributes: ["location": ""])
    }
    // The whole write was refused: not even the wave was made.
    #expect(try store.waves(survey: "s").isEmpty)
  }

  /// A store as version 4 left it gets the attribute tables when opened; its responses are
  /// read with every attribute "not given".
  @Test func aVersionFourStoreIsMigrated() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cultivar-v4-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("old.sqlite").path
    let old = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(old, upTo: "v4: the language each response was given in")
    #expect(try old.read { db in try db.tableExists("response_attribute") } == false)
    try old.write { db in
      try db.execute(sql: "INSERT INTO survey (key, title, created_on) VALUES ('s', 'S', '2026-01-01')")
      try db.execute(sql: "INSERT INTO wave (survey_id, name, created_on) VALUES (1, 'w', '2026-01-01')")
      try db.execute(sql: "INSERT INTO response (id, wave_id, team, channel, received_on) VALUES (randomblob(16), 1, 'A', 'terminal', '2026-01-01')")
    }
    try old.close()
    let store = try ResponseStore(path: path, displayName: "old.sqlite")
    try store.addResponse(toWave: "w", survey: stamp, team: "A", answers: ["a": 1], comments: [:], language: nil, attributes: ["location": "Berlin"])
    #expect(try groups(store) == [key("A", nil, nil): 1, key("A", 0, nil): 1])
  }
}
