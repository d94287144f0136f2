import Foundation
import PostgresNIO
import SurveyModel
import TestSupport
import Testing

@testable import Store
@testable import StorePostgres

/// Each response's answers kept ready to ship on PostgreSQL (``AnswerPack``, schema version 9):
/// packs read back bit for bit (whole numbers in a byte or two, everything else as its 8
/// bytes); a pack that does not read is a flaw, never a crash; every writer writes one that
/// reads as its arrays; a hand edit of the arrays clears the pack; a wave of packed and
/// unpacked rows reads as one all packed, before and after the back-fill; and a bad pack stops
/// the read with an error naming the response.
@Suite struct AnswerPackTests {
  /// Values whole and not: one byte, two bytes (252...65535), and the 8-byte escape.
  static let values: [Double] = [0, 1, 5, 251, 252, 300, 65535, 65536, 2.5, -1, -0.0, 1e6, 0.1 + 0.2, 1e-300, -7e22, .infinity, 1.0 / 3]

  /// `pack` decoded into a table where item number `n` has slot `n - 1` (numbers 1...`top`).
  func decode(_ pack: [UInt8], top: Int) -> (values: [Double], flaw: AnswerPack.Flaw?, team: String) {
    var values = [Double](repeating: .nan, count: top)
    let table = [Int32(-2)] + (0..<top).map { Int32($0) }
    var team = ""
    let flaw = pack.withUnsafeBytes { raw in
      var bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      let flaw = table.withUnsafeBufferPointer { slots in
        values.withUnsafeMutableBufferPointer { AnswerPack.decode(raw, slots: slots, into: $0, at: 0, team: &bytes) }
      }
      team = String(decoding: bytes, as: UTF8.self)
      return flaw
    }
    return (values, flaw, team)
  }

  @Test func packsReadBackBitForBit() {
    let numbers: [Int32] = [1, 2, 127, 128, 300, 16_384, 70_000]
    var answers: [(number: Int32, value: Double)] = []
    for (k, value) in Self.values.enumerated() { answers.append((numbers[k % numbers.count] + Int32(k / numbers.count) * 3, value)) }
    let pack = AnswerPack.encode(team: "Zürich ✓", answers)!
    let top = Int(answers.map(\.number).max()!)
    let (values, flaw, team) = decode(pack, top: top)
    #expect(flaw == nil && team == "Zürich ✓")
    for (number, value) in answers { #expect(values[Int(number) - 1].bitPattern == value.bitPattern, "item \(number): \(value)") }
    // A survey's usual answers (item numbers below 128, values 0...251) take two bytes each.
    let likert = AnswerPack.encode(team: "Eng", (1...20).map { (Int32($0), Double($0 % 5 + 1)) })!
    #expect(likert.count == 46)  // version, team length, team, count, 20 answers of 2 bytes
    #expect(AnswerPack.encode(team: "", []) == [1, 0, 0])
    #expect(AnswerPack.encode(team: "", [(1, 2.5)])?.count == 13)  // 4 bytes, then 0xFF and 8
    #expect(AnswerPack.encode(team: "", [(1, 4095)])?.count == 7)  // 4 bytes, then 0xFC and 2
    // Longer than the limit (the scoring index's entries must stay small): not written.
    #expect(AnswerPack.encode(team: "T", (1...110).map { (Int32($0), 2.5) }) == nil)
    #expect(AnswerPack.encode(team: String(repeating: "L", count: 1100), [(1, 3)]) == nil)
    let longest = AnswerPack.encode(team: "T", (1...90).map { (Int32($0), 2.5) })
    #expect(longest != nil)
  }

  @Test func aPackThatDoesNotReadIsAFlawNeverACrash() {
    let pack = AnswerPack.encode(team: "Team", [(1, 3), (200, 2.5), (2, 1000), (3, -1)])!
    // Cut anywhere: every shorter prefix is a flaw (the pack counts its answers).
    for length in 0..<pack.count {
      #expect(decode(Array(pack[..<length]), top: 200).flaw != nil, "cut at \(length)")
    }
    #expect(decode(pack + [0], top: 200).flaw == .trailing)
    #expect(decode([1, 0, 1, 1, 0xFD], top: 3).flaw == .tag(0xFD))
    #expect(decode([2, 0, 0], top: 3).flaw == .version(2))
    // A number the wave does not list (past the table, or 0).
    #expect(decode([1, 0, 1, 9, 3], top: 3).flaw == .unknownItem(9))
    #expect(decode([1, 0, 1, 0, 3], top: 3).flaw == .unknownItem(0))
    // A varint that never ends, a count and a team far beyond the bytes.
    #expect(decode([1, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80], top: 3).flaw == .cutShort)
    #expect(decode([1, 0, 0xFF, 0xFF, 0xFF, 0x0F, 1, 3], top: 3).flaw == .cutShort)
    #expect(decode([1, 5, 0x41, 0, 1, 3], top: 3).flaw == .cutShort)
  }

  /// A connection of its own to `store`'s database.
  func sql(_ store: any ResponseStoring, _ query: PostgresQuery) throws -> [PostgresRow] {
    let store = try #require(store as? PostgresStore)
    let db = SyncConnection(try Blocking.run { try await store.link.connect() })
    defer { db.close() }
    return try db.rows(query)
  }

  /// Each stored response's pack, decoded with its wave's numbers, against its arrays: the
  /// ids of those without a pack, and whether every pack matched its arrays bit for bit.
  func check(_ store: any ResponseStoring) throws -> (unpacked: Int, matching: Bool) {
    var items: [Int64: [Int32: String]] = [:]
    for row in try sql(store, "SELECT wave_id, number, item_id FROM wave_item") {
      let (wave, number, item) = try row.decode((Int64, Int32, String).self)
      items[wave, default: [:]][number] = item
    }
    var unpacked = 0
    var matching = true
    for row in try sql(store, "SELECT wave_id, team, answer_items, answer_values, answer_pack FROM response") {
      let (wave, name, names, values, pack) = try row.decode((Int64, String, [String], [Double], ByteBuffer?).self)
      guard let pack else {
        unpacked += 1
        continue
      }
      let numbered = (items[wave] ?? [:]).sorted { $0.key < $1.key }
      let slots = AnswerPack.slots(numbers: numbered.map { ($0.key, $0.value) }, itemIDs: names)
      var read = [Double](repeating: .nan, count: names.count)
      var team = UnsafeRawBufferPointer(start: nil, count: 0)
      let flaw = pack.withUnsafeReadableBytes { raw in
        slots.withUnsafeBufferPointer { table in
          read.withUnsafeMutableBufferPointer { AnswerPack.decode(raw, slots: table, into: $0, at: 0, team: &team) }
        }
      }
      if flaw != nil || read.map(\.bitPattern) != values.map(\.bitPattern) || String(decoding: team, as: UTF8.self) != name { matching = false }
    }
    return (unpacked, matching)
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func everyWriterWritesAPackThatReadsAsItsArrays() async throws {
    let (store, _) = try temporaryStore(.postgres)
    // Import (COPY), with every kind of value and an item left empty.
    _ = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session in
      for n in 0..<5000 {
        let a = Self.values[n % Self.values.count]
        try session.add(team: "T\(n % 3)", itemIDs: ["a", "b", "c"], values: [a, n % 4 == 0 ? .nan : 2, Double(n % 7)], sourceKey: "r\(n)")
      }
      return ((), ImportCounts())
    }
    // The terminal, with an item the import did not have.
    try store.addResponse(toWave: "w", survey: stamp, team: "T1", answers: ["a": -1, "new": 2.5, "c": 4], comments: [:])
    // The web form, with another new item.
    let wave = try store.wave("w", survey: "s")
    let tokens = try store.invite(to: wave, team: "T2", count: 1)
    guard case .open(let open) = try await store.invitation(token: tokens[0], wave: wave) else { throw CancellationError() }
    let ticket = try await store.issueTicket(for: open)
    #expect(try await store.submit(token: tokens[0], ticket: ticket, wave: wave, answers: ["web": 1e6, "a": 3], comments: [:]) == .stored)
    #expect(try check(store).unpacked == 0 && check(store).matching)
    let numbered = try sql(store, "SELECT item_id FROM wave_item ORDER BY number").map { try $0.decode(String.self) }
    #expect(numbered == ["a", "b", "c", "new", "web"])
    // A response whose pack would be too long for the index keeps none: read from its arrays.
    let many = Dictionary(uniqueKeysWithValues: (0..<110).map { ("x\($0)", 2.5) })
    try store.addResponse(toWave: "w", survey: stamp, team: "T9", answers: many, comments: [:])
    let long = try check(store)
    #expect(long.unpacked == 1 && long.matching)
    let nine = try rows(store, itemIDs: ["x7", "a"], readers: 1).filter { $0[0] == 9 }
    #expect(nine == [[9, Double(2.5).bitPattern, Double.nan.bitPattern]])
    // `store copy` into PostgreSQL, from PostgreSQL and from SQLite.
    let (sqlite, _) = try temporaryStore(.sqlite)
    #expect(try sqlite.receiveWave(try store.exportWave(wave), survey: stamp) == 5003)
    for source in [store, sqlite] {
      let (copy, _) = try temporaryStore(.postgres)
      #expect(try copy.receiveWave(try source.exportWave(try source.wave("w", survey: "s")), survey: stamp) == 5003)
      let copied = try check(copy)
      #expect(copied.unpacked == 1 && copied.matching)
    }
  }

  /// Every row of wave 'w' as read for scoring with `itemIDs` on `readers` connections.
  func rows(_ store: any ResponseStoring, itemIDs: [String], readers: Int) throws -> [[UInt64]] {
    try all(try store.responseBatches(of: try store.wave("w", survey: "s"), itemIDs: itemIDs, byLanguage: false, attributes: [], readers: readers))
  }

  /// Every row of `source`: the team's number (`T3`: 3), then the values' bits.
  func all<S: RowBatchSource>(_ source: S) throws -> [[UInt64]] {
    var reader = source.makeReader(keepsIdentity: false)
    var all: [[UInt64]] = []
    while let piece = try source.nextPiece() {
      let batch = try reader.read(piece)
      for r in 0..<batch.count {
        let team = UInt64(reader.teamName(batch.teams[r]).dropFirst())!
        let values = batch.values[r * batch.slots..<(r + 1) * batch.slots].map(\.bitPattern)
        all.append([team] + values)
      }
    }
    return all
  }

  /// Imports `count` responses to items a, b, c with every kind of value.
  func fill(_ store: any ResponseStoring, count: Int) throws {
    _ = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session in
      for n in 0..<count {
        try session.add(
          team: "T\(n % 5)", itemIDs: ["a", "b", "c"],
          values: [Self.values[n % Self.values.count], Double(n % 11), n % 3 == 0 ? .nan : 0.5 * Double(n)], sourceKey: "r\(n)")
      }
      return ((), ImportCounts())
    }
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aHandEditOfTheArraysClearsThePack() throws {
    let (store, _) = try temporaryStore(.postgres)
    try fill(store, count: 30)
    let before = try rows(store, itemIDs: ["a", "b", "c"], readers: 1)
    let unpacked: PostgresQuery = "SELECT count(*)::int8 FROM response WHERE answer_pack IS NULL"
    // Edits of other columns, or arrays set to what they were, keep it.
    _ = try sql(store, "UPDATE response SET team = team, answer_values = answer_values")
    #expect(try sql(store, unpacked)[0].decode(Int.self) == 0)
    // An analyst's fix of one value by hand: the pack would be stale, so it goes.
    _ = try sql(store, "UPDATE response SET answer_values[1] = 42 WHERE team = 'T1'")
    _ = try sql(
      store,
      "UPDATE response SET answer_items = array_append(answer_items, 'd'), answer_values = array_append(answer_values, 7::float8) WHERE team = 'T2'")
    let edited = try sql(store, "SELECT count(*)::int8 FROM response WHERE team IN ('T1', 'T2')")[0].decode(Int.self)
    #expect(try sql(store, unpacked)[0].decode(Int.self) == edited)
    // Read from the arrays: the edit shows.
    let after = try rows(store, itemIDs: ["a", "b", "c"], readers: 1)
    #expect(after.filter { $0[0] == 1 }.allSatisfy { $0[1] == Double(42).bitPattern })
    #expect(after.filter { $0[0] != 1 } == before.filter { $0[0] != 1 })
    // An edit that writes the pack with the arrays keeps the pack it wrote.
    let pack = ByteBuffer(bytes: AnswerPack.encode(team: "T3", [(1, 9)])!)
    _ = try sql(store, "UPDATE response SET answer_items = '{a}', answer_values = '{9}', answer_pack = \(pack) WHERE team = 'T3'")
    #expect(try sql(store, "SELECT count(*)::int8 FROM response WHERE team = 'T3' AND answer_pack IS NULL")[0].decode(Int.self) == 0)
    // A team renamed by hand: the pack holds the team too, so it goes.
    _ = try sql(store, "UPDATE response SET team = 'T1' WHERE team = 'T0'")
    let renamed = try sql(store, "SELECT count(*)::int8 FROM response WHERE team = 'T1' AND answer_pack IS NULL")[0].decode(Int.self)
    let t2 = try sql(store, "SELECT count(*)::int8 FROM response WHERE team = 'T2'")[0].decode(Int.self)
    #expect(renamed == edited - t2 + 6)
    // The back-fill packs the edited rows again, from their arrays.
    let packed = try PackBackfill.run(try sql(store), store: "test", note: { _ in })
    #expect(packed == edited + 6)
    #expect(try check(store).unpacked == 0 && check(store).matching)
    #expect(try rows(store, itemIDs: ["a", "b", "c", "d"], readers: 1).count == 30)
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aWaveOfPackedAndUnpackedRowsReadsAsOneAllPacked() throws {
    let (store, _) = try temporaryStore(.postgres)
    let size = 2 * 8192 + 1500
    try fill(store, count: size)
    let items = ["c", "a", "zz", "b", "a"]
    let packed = try rows(store, itemIDs: items, readers: 1)
    #expect(packed.count == size)
    #expect(try rows(store, itemIDs: items, readers: 3) == packed)
    // Every third row as an older Cultivar left it, and one stored by hand with psql, with an
    // item no pack names yet.
    _ = try sql(store, "UPDATE response SET answer_pack = NULL WHERE get_byte(id, 0) % 3 = 0")
    _ = try sql(
      store,
      "INSERT INTO response (id, wave_id, team, channel, received_on, answer_items, answer_values) SELECT '\\x00000000000000000000000000000001', id, 'T9', 'terminal', '2026-12-01', '{zz,a}', '{3,4}' FROM wave"
    )
    let mixed = try rows(store, itemIDs: items, readers: 1)
    #expect(mixed.count == size + 1)
    #expect(mixed.filter { $0[0] != 9 } == packed)
    // c, a, zz, b, a: a's second slot stays empty, as on SQLite.
    #expect(mixed.first { $0[0] == 9 } == [9] + [.nan, 4, 3, .nan, .nan].map(\.bitPattern))
    #expect(try rows(store, itemIDs: items, readers: 3) == mixed)
    #expect(try check(store).unpacked > size / 4)
    // Back-filled: all packed, numbers given to the new item, the same rows.
    let db = try sql(store)
    #expect(try PackBackfill.run(db, store: "test", note: { _ in }) > size / 4)
    #expect(try check(store).unpacked == 0 && check(store).matching)
    #expect(try rows(store, itemIDs: items, readers: 2) == mixed)
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aBadPackStopsTheReadNamingTheResponse() throws {
    let (store, _) = try temporaryStore(.postgres)
    try fill(store, count: 9000)
    let id = try sql(store, "SELECT encode(id, 'hex') FROM response ORDER BY id OFFSET 8500 LIMIT 1")[0].decode(String.self)
    for bad in ["\\x0102", "\\x0100016303", "\\x01000101fd", "\\x010001010303"] {
      _ = try sql(store, "UPDATE response SET answer_pack = decode(\(String(bad.dropFirst(2))), 'hex') WHERE id = decode(\(id), 'hex')")
      for readers in [1, 2] {
        do {
          _ = try rows(store, itemIDs: ["a", "b", "c"], readers: readers)
          Issue.record("\(bad) read without an error")
        } catch let error as StoreError {
          #expect(error.message.contains("id \\x\(id)") && error.message.contains("answer_pack"), "\(error.message)")
          #expect(error.hint?.contains("SET answer_pack = NULL") == true)
        }
      }
    }
  }
}

extension AnswerPackTests {
  /// A connection of its own to `store`'s database (closed by the caller's scope's end).
  func sql(_ store: any ResponseStoring) throws -> SyncConnection {
    let store = try #require(store as? PostgresStore)
    return SyncConnection(try Blocking.run { try await store.link.connect() })
  }
}
