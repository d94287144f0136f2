import Foundation
import PostgresNIO
import SurveyModel
import TestSupport
import Testing

@testable import Store
@testable import StorePostgres

/// A wave's scoring pages kept ready on PostgreSQL (``WavePages``, schema version 10): a read
/// through them gives the rows of a read without them, in the same order, whatever was
/// stored, changed or deleted since they were built, including a response stored while a
/// build ran; a deleted response leaves no copy in them; and the read plan covers every id
/// once, never trusting a page a mark lies in.
@Suite struct KeptPagesTests {
  let slices = WaveSlicesTests()

  /// A connection of the store's own (as `psql` would be).
  func connection(_ store: any ResponseStoring) throws -> SyncConnection {
    let store = try #require(store as? PostgresStore)
    return SyncConnection(try Blocking.run { try await store.link.connect() })
  }

  /// Every row of wave 'w', in the order read (team, then the values' bits).
  func read(_ store: any ResponseStoring) throws -> [[UInt64]] {
    let wave = try store.wave("w", survey: "s")
    return try slices.rows(try store.responseBatches(of: wave, itemIDs: ["a", "b"], byLanguage: false, attributes: [], readers: 2))
  }

  /// The same rows read with the kept pages left out (deleted for the read, built again after).
  func readLive(_ store: any ResponseStoring, _ db: SyncConnection) throws -> [[UInt64]] {
    let wave = try store.wave("w", survey: "s")
    try db.run("DELETE FROM wave_page WHERE wave_id = \(wave.id)")
    defer { _ = try? WavePages.build(db, wave: wave.id) }
    return try read(store)
  }

  func count(_ db: SyncConnection, _ sql: String) throws -> Int {
    try db.rows(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self)
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func anImportKeepsPagesThatReadAsTheRows() throws {
    let (store, _) = try temporaryStore(.postgres)
    let size = 3 * 8192 + 777
    try slices.fill(store, count: size)
    let db = try connection(store)
    defer { db.close() }
    // The import built them, in the order of the ids, and left no mark.
    #expect(try count(db, "SELECT count(*) FROM wave_page") == 4)
    #expect(try count(db, "SELECT sum(responses) FROM wave_page") == size)
    #expect(try count(db, "SELECT count(*) FROM wave_page_stale") == 0)
    let kept = try read(store)
    #expect(kept.count == size)
    #expect(try readLive(store, db) == kept)
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func responsesStoredOrChangedAfterTheBuildAreRead() throws {
    let (store, _) = try temporaryStore(.postgres)
    try slices.fill(store, count: 2 * 8192 + 5)
    let db = try connection(store)
    defer { db.close() }
    // One by one, as the web form stores them: each marks its id.
    for n in 0..<3 { try store.addResponse(toWave: "w", survey: stamp, team: "T\(n)", answers: ["a": 4, "b": Double(n)], comments: [:]) }
    #expect(try count(db, "SELECT count(*) FROM wave_page_stale WHERE response_id IS NOT NULL") == 3)
    // A hand edit of one answer, and a row deleted.
    try db.run("UPDATE response SET answer_values = '{5, 9}', answer_items = '{a, b}' WHERE source_key = \(Digest.sha256("r7"))")
    try db.run("DELETE FROM response WHERE source_key = \(Digest.sha256("r8"))")
    let after = try read(store)
    #expect(after.count == 2 * 8192 + 5 + 3 - 1)
    #expect(after.contains([0, 5.0.bitPattern, 9.0.bitPattern]))
    #expect(try readLive(store, db) == after)
    // Built again: no mark left, the same rows.
    let wave = try store.wave("w", survey: "s")
    #expect(try WavePages.build(db, wave: wave.id) == 3)
    #expect(try count(db, "SELECT count(*) FROM wave_page_stale") == 0)
    #expect(try read(store) == after)
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aResponseCommittedDuringABuildStaysMarked() throws {
    let (store, _) = try temporaryStore(.postgres)
    try slices.fill(store, count: 9000)
    let db = try connection(store)
    let writer = try connection(store)
    defer {
      db.close()
      writer.close()
    }
    let wave = try store.wave("w", survey: "s")
    // Stored in a transaction still open while the build takes its snapshot, committed before
    // the build ends: the build neither holds the row nor removes its mark.
    try writer.run("BEGIN")
    try writer.run(
      PostgresQuery(
        unsafeSQL:
          "INSERT INTO response (id, wave_id, team, channel, received_on, answer_items, answer_values) VALUES ('\\x00000000000000000000000000000001', \(wave.id), 'T3', 'web', '2026-12-03', '{a,b}', '{2,7}')"
      ))
    #expect(try WavePages.build(db, wave: wave.id) == 2)
    try writer.run("COMMIT")
    #expect(try count(db, "SELECT count(*) FROM wave_page_stale") == 1)
    let rows = try read(store)
    #expect(rows.count == 9001)
    #expect(rows.first == [3, 2.0.bitPattern, 7.0.bitPattern])
    #expect(try readLive(store, db) == rows)
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aDeletedResponseLeavesNoCopyInThePages() throws {
    let (store, _) = try temporaryStore(.postgres)
    try slices.fill(store, count: 3 * 8192)
    let db = try connection(store)
    defer { db.close() }
    let id = try #require(try db.rows("SELECT id FROM response WHERE source_key = \(Digest.sha256("r100"))").first).decode(ByteBuffer.self)
    #expect(try db.rows("SELECT count(*) FROM wave_page WHERE position(\(id) IN records) > 0")[0].decode(Int.self) == 1)
    try db.run("DELETE FROM response WHERE id = \(id)")
    #expect(try db.rows("SELECT count(*) FROM wave_page WHERE position(\(id) IN records) > 0")[0].decode(Int.self) == 0)
    // The other pages stay, and the rows read are the rest.
    #expect(try count(db, "SELECT count(*) FROM wave_page") == 2)
    let rows = try read(store)
    #expect(rows.count == 3 * 8192 - 1)
    #expect(try readLive(store, db) == rows)
    // A response changed by hand: the page holding what it was goes too.
    let edited = try #require(try db.rows("SELECT id FROM response WHERE source_key = \(Digest.sha256("r200"))").first).decode(ByteBuffer.self)
    try db.run("UPDATE response SET team = 'T9' WHERE id = \(edited)")
    #expect(try db.rows("SELECT count(*) FROM wave_page WHERE position(\(edited) IN records) > 0")[0].decode(Int.self) == 0)
    let changed = try read(store)
    #expect(changed.filter { $0[0] == 9 }.count == 1)
    #expect(try readLive(store, db) == changed)
    // Every row at once (TRUNCATE has no rows to name): no page is left.
    try db.run("TRUNCATE response CASCADE")
    #expect(try count(db, "SELECT count(*) FROM wave_page") == 0)
    #expect(try read(store).isEmpty)
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aResponseDeletedWhileABuildRunsLeavesNoCopy() throws {
    let (store, _) = try temporaryStore(.postgres)
    try slices.fill(store, count: 2 * 8192)
    let db = try connection(store)
    let deleter = try connection(store)
    defer {
      db.close()
      deleter.close()
    }
    let wave = try store.wave("w", survey: "s")
    for (key, edit) in [("r100", "DELETE FROM response WHERE id = $1"), ("r200", "UPDATE response SET team = 'T8' WHERE id = $1")] {
      let id = try #require(try db.rows("SELECT id FROM response WHERE source_key = \(Digest.sha256(key))").first).decode(ByteBuffer.self)
      // Deleted (or edited) in a transaction still open when the build starts: the build
      // waits for it, whichever snapshot it would have taken, and keeps no copy. First with
      // no page built (so no page row the two could both lock), then with the pages.
      if key == "r100" { try db.run("DELETE FROM wave_page") }
      try deleter.run("BEGIN")
      var binds = PostgresBindings()
      binds.append(id)
      try deleter.run(PostgresQuery(unsafeSQL: edit, binds: binds))
      let built = DispatchSemaphore(value: 0)
      nonisolated(unsafe) var pages: Int?? = nil
      nonisolated(unsafe) var failure: (any Error)?
      let builder = try connection(store)
      defer { builder.close() }
      Thread.detachNewThread {
        do { pages = try WavePages.build(builder, wave: wave.id) } catch { failure = error }
        built.signal()
      }
      #expect(built.wait(timeout: .now() + 1) == .timedOut, "the build did not wait for the open delete")
      try deleter.run("COMMIT")
      #expect(built.wait(timeout: .now() + 60) == .success)
      #expect(failure == nil, "\(String(describing: failure))")
      #expect(pages == 2)
      // The deleted row is in no page; the edited one only as it is now (its pack cleared,
      // so its record names its new team).
      let holding = try db.rows("SELECT count(*) FROM wave_page WHERE position(\(id) IN records) > 0")[0].decode(Int.self)
      #expect(holding == (key == "r100" ? 0 : 1))
    }
    let rows = try read(store)
    #expect(rows.count == 2 * 8192 - 1 && rows.filter { $0[0] == 8 }.count == 1)
    #expect(try readLive(store, db) == rows)
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aDamagedPageStopsTheReadWithAnError() throws {
    let (store, _) = try temporaryStore(.postgres)
    try slices.fill(store, count: 9000)
    let db = try connection(store)
    defer { db.close() }
    try db.run("UPDATE wave_page SET records = substring(records FROM 1 FOR 100) WHERE upper_id <> '\\xffffffffffffffffffffffffffffffff'")
    #expect(throws: StoreError.self) { try read(store) }
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func anAnalystReadsThePagesAndCannotBuildThem() throws {
    let (store, _) = try temporaryStore(.postgres)
    try slices.fill(store, count: 100)
    let db = try connection(store)
    defer { db.close() }
    let analyst = "analyst_\(UInt32.random(in: 0...UInt32.max))"
    for sql in [
      "CREATE ROLE \(analyst)", "GRANT SELECT ON wave_page, wave_page_stale, wave_item, visible_response TO \(analyst)",
      "GRANT \(analyst) TO CURRENT_USER",
    ] {
      try db.run(PostgresQuery(unsafeSQL: sql))
    }
    try db.run(PostgresQuery(unsafeSQL: "SET ROLE \(analyst)"))
    let wave = try store.wave("w", survey: "s")
    #expect(try WavePages.build(db, wave: wave.id) == nil)
    #expect(try WavePages.plan(db, wave: wave.id) == [.kept(upper: WavePages.lastID, responses: 100)])
    // Granted only `visible_response` (an older role): the wave is read live.
    try db.run("RESET ROLE")
    try db.run(PostgresQuery(unsafeSQL: "REVOKE SELECT ON wave_page FROM \(analyst)"))
    try db.run(PostgresQuery(unsafeSQL: "SET ROLE \(analyst)"))
    #expect(try WavePages.plan(db, wave: wave.id) == nil)
    try db.run("RESET ROLE")
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func theFormRoleMarksWhatItStoresWithoutRightsOnThePages() throws {
    let (store, _) = try temporaryStore(.postgres)
    try slices.fill(store, count: 100)
    let db = try connection(store)
    defer { db.close() }
    let form = "form_\(UInt32.random(in: 0...UInt32.max))"
    for sql in ["CREATE ROLE \(form)", "GRANT INSERT ON response TO \(form)", "GRANT \(form) TO CURRENT_USER", "SET ROLE \(form)"] {
      try db.run(PostgresQuery(unsafeSQL: sql))
    }
    let wave = try store.wave("w", survey: "s")
    try db.run(
      PostgresQuery(
        unsafeSQL:
          "INSERT INTO response (id, wave_id, team, channel, received_on, answer_items, answer_values) VALUES ('\\x7f000000000000000000000000000001', \(wave.id), 'T6', 'web', '2026-12-04', '{a,b}', '{1,2}')"
      ))
    #expect(throws: (any Error).self) { try db.run("SELECT count(*) FROM wave_page") }
    try db.run("RESET ROLE")
    #expect(try count(db, "SELECT count(*) FROM wave_page_stale WHERE response_id = '\\x7f000000000000000000000000000001'") == 1)
    let rows = try read(store)
    #expect(rows.count == 101 && rows.contains([6, 1.0.bitPattern, 2.0.bitPattern]))
  }

  /// The rows of wave 'w' as `visible_response` holds them now, in id order (team, then the
  /// values' bits), as ``read(_:)`` gives them when every row answers `a` and `b`.
  func expected(_ db: SyncConnection, wave: Int64) throws -> [[UInt64]] {
    try db.rows(
      "SELECT substr(team, 2)::bigint, answer_values[array_position(answer_items, 'a')], answer_values[array_position(answer_items, 'b')] FROM visible_response WHERE wave_id = \(wave) ORDER BY id"
    ).map { row in
      let (team, a, b) = try row.decode((Int64, Double, Double).self)
      return [UInt64(team), a.bitPattern, b.bitPattern]
    }
  }

  /// Random runs of what writers do to a wave with pages kept ready (the web form's single
  /// rows, statements of a few and of many rows with and without packs, deletes, edits of
  /// answers and teams, imports, builds): after every step the read gives exactly the rows
  /// `visible_response` holds, in id order, and no page holds a deleted response's id.
  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func randomWritesAndBuildsNeverChangeWhatIsRead() throws {
    let (store, _) = try temporaryStore(.postgres)
    try slices.fill(store, count: 2 * 8192 + 300)
    let db = try connection(store)
    defer { db.close() }
    let wave = try store.wave("w", survey: "s").id
    var random = SystemRandomNumberGenerator()
    var steps: [String] = []
    var deleted: [ByteBuffer] = []
    var imported = 2 * 8192 + 300
    for _ in 0..<30 {
      let n = [1, 3, 64, 65, 300][Int(random.next() % 5)]
      let pick = "SELECT id FROM response WHERE wave_id = \(wave) ORDER BY md5(id::text || '\(random.next())') LIMIT \(n)"
      let action: String
      switch random.next() % 6 {
      case 0:
        action = "insert \(n)"
        try db.run(
          PostgresQuery(
            unsafeSQL: """
              INSERT INTO response (id, wave_id, team, channel, received_on, answer_items, answer_values)
                SELECT decode(md5(random()::text || i), 'hex'), \(wave), 'T' || (i % 9), 'web', '2026-12-04', '{a,b}', ARRAY[1 + i % 5, i * 0.5]::float8[]
                FROM generate_series(1, \(n)) i
              """))
      case 1:
        action = "delete \(n)"
        deleted += try db.rows(PostgresQuery(unsafeSQL: "DELETE FROM response WHERE id IN (\(pick)) RETURNING id")).map {
          try $0.decode(ByteBuffer.self)
        }
      case 2:
        action = "edit answers of \(n)"
        try db.run(
          PostgresQuery(unsafeSQL: "UPDATE response SET answer_values = ARRAY[5, 0.25]::float8[], answer_items = '{a,b}' WHERE id IN (\(pick))"))
      case 3:
        action = "move \(n) to team T8"
        try db.run(PostgresQuery(unsafeSQL: "UPDATE response SET team = 'T8' WHERE id IN (\(pick))"))
      case 4:
        action = "import \(n)"
        try slices.fill(store, count: n, from: imported)
        imported += n
      default:
        action = "build"
        _ = try WavePages.build(db, wave: wave)
      }
      steps.append(action)
      let rows = try read(store)
      #expect(rows == (try expected(db, wave: wave)), "after \(steps)")
      for id in deleted {
        #expect(try db.rows("SELECT count(*) FROM wave_page WHERE position(\(id) IN records) > 0")[0].decode(Int.self) == 0, "after \(steps)")
      }
    }
  }

  // MARK: The read plan

  /// 16-byte ids from one byte (the rest zero).
  func id(_ byte: UInt8) -> [UInt8] { [byte] + [UInt8](repeating: 0, count: 15) }

  @Test func thePlanKeepsUnmarkedPagesAndReadsTheRestLive() {
    let pages = [
      WavePages.Listed(after: [], upper: id(10), responses: 3),
      WavePages.Listed(after: id(10), upper: id(20), responses: 3),
      WavePages.Listed(after: id(30), upper: WavePages.lastID, responses: 3),
    ]
    #expect(
      WavePages.plan(pages: pages, marks: [id(15), id(25)]) == [
        .kept(upper: id(10), responses: 3), .live(after: id(10), upper: id(30)), .kept(upper: WavePages.lastID, responses: 3),
      ])
    #expect(
      WavePages.plan(pages: pages, marks: [id(10)]) == [
        .live(after: [], upper: id(10)), .kept(upper: id(20), responses: 3), .live(after: id(20), upper: id(30)),
        .kept(upper: WavePages.lastID, responses: 3),
      ])
    #expect(WavePages.plan(pages: [], marks: []) == nil)
    #expect(WavePages.plan(pages: [pages[0]], marks: [id(1)]) == nil)
    // Overlapping pages (edited by hand): read live.
    #expect(WavePages.plan(pages: [pages[1], WavePages.Listed(after: id(15), upper: id(40), responses: 1)], marks: []) == nil)
  }

  /// Random pages and marks: the segments cover every id once, in order, and no kept page
  /// holds a mark.
  @Test func thePlanCoversEveryIdOnceForRandomPagesAndMarks() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      var bounds = Set<UInt8>()
      for _ in 0..<Int.random(in: 0...12, using: &generator) { bounds.insert(UInt8.random(in: 1...254, using: &generator)) }
      let sorted = bounds.sorted()
      var pages: [WavePages.Listed] = []
      var after: [UInt8] = []
      for (k, bound) in sorted.enumerated() {
        // Some pages are missing (deleted with a response): a gap read live.
        if Bool.random(using: &generator) || k == 0 {
          pages.append(WavePages.Listed(after: after, upper: id(bound), responses: 1))
        }
        after = id(bound)
      }
      if Bool.random(using: &generator) { pages.append(WavePages.Listed(after: after, upper: WavePages.lastID, responses: 1)) }
      let marks = (0..<Int.random(in: 0...4, using: &generator)).map { _ in id(UInt8.random(in: 0...255, using: &generator)) }
      guard let segments = WavePages.plan(pages: pages, marks: marks) else {
        // Nothing kept: every page holds a mark.
        #expect(pages.allSatisfy { page in marks.contains { page.after.lexicographicallyPrecedes($0) && !page.upper.lexicographicallyPrecedes($0) } })
        continue
      }
      var cursor: [UInt8] = []
      for segment in segments {
        switch segment {
        case .kept(let upper, _):
          let page = pages.first { $0.upper == upper }!
          #expect(page.after == cursor)
          #expect(!marks.contains { cursor.lexicographicallyPrecedes($0) && !upper.lexicographicallyPrecedes($0) })
          cursor = upper
        case .live(let from, let upper):
          #expect(from == cursor)
          #expect(from.lexicographicallyPrecedes(upper))
          cursor = upper
        }
      }
      #expect(cursor == WavePages.lastID)
    }
  }
}
