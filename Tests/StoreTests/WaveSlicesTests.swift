import Foundation
import PostgresNIO
import SurveyModel
import TestSupport
import Testing

@testable import Store
@testable import StorePostgres

/// A wave read on several connections (``PackedPages`` with `readers` above one) is the wave
/// read on one: the same rows in the same order, in one snapshot taken when the read begins
/// (rows stored by another client meanwhile, before or after the other connections open, are
/// not seen), on as many connections as asked for. And ``IdSlices`` cut the ids after the first
/// page into rising slices that end at the largest id, however the first page's ids lie.
@Suite struct WaveSlicesTests {
  /// Imports `count` responses (teams `T0`...`T6`, two answers) into wave 'w' of `store`.
  func fill(_ store: any ResponseStoring, count: Int, from first: Int = 0) throws {
    _ = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session in
      for n in first..<(first + count) {
        try session.add(team: "T\(n % 7)", itemIDs: ["a", "b"], values: [Double(n % 5 + 1), 0.1 * Double(n)], sourceKey: "r\(n)")
      }
      var counts = ImportCounts()
      counts.rowsRead = count
      return ((), counts)
    }
  }

  /// Every row of `source` (team, then the values' bits), in the order read; `between` runs
  /// after the first piece.
  /// - Parameters:
  ///   - each: run after every piece is read.
  ///   - between: run after the first piece is read.
  func rows<S: RowBatchSource>(_ source: S, each: () throws -> Void = {}, between: () throws -> Void = {}) throws -> [[UInt64]] {
    var reader = source.makeReader(keepsIdentity: false)
    var all: [[UInt64]] = []
    var first = true
    while let piece = try source.nextPiece() {
      try each()
      let batch = try reader.read(piece)
      for r in 0..<batch.count {
        let team = UInt64(reader.teamName(batch.teams[r]).dropFirst())!
        all.append([team] + batch.values[r * batch.slots..<(r + 1) * batch.slots].map(\.bitPattern))
      }
      if first { try between() }
      first = false
    }
    return all
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func severalConnectionsReadTheRowsOfOneInOneSnapshot() throws {
    let (store, reopen) = try temporaryStore(.postgres)
    let size = 3 * 8192 + 777
    try fill(store, count: size)
    let wave = try store.wave("w", survey: "s")
    let alone = try rows(try store.responseBatches(of: wave, itemIDs: ["a", "b"], byLanguage: false, attributes: [], readers: 1))
    #expect(alone.count == size)
    let other = try reopen()
    let database = try #require((store as? PostgresStore)?.link.address.database)
    // Without the pages kept ready (which one connection reads; `KeptPagesTests`), read row
    // by row. Rows stored after the read began and before its other connections opened (they
    // open once the first page came back full), then after.
    try #require(store as? PostgresStore).exclusive(.writeFailed) { try $0.run("DELETE FROM wave_page") }
    let source = try store.responseBatches(of: wave, itemIDs: ["a", "b"], byLanguage: false, attributes: [], readers: 3)
    try fill(other, count: 3000, from: size)
    try other.addResponse(toWave: "w", survey: stamp, team: "T1", answers: ["a": 3], comments: [:])
    // The most connections reading at once, seen between pieces (the last ones open once the
    // first page came back, so the first piece may come before they do).
    var connections = 0
    let several = try rows(
      source, each: { connections = max(connections, try other.readingConnections(database)) },
      between: { try fill(other, count: 2000, from: size + 3000) })
    #expect(several == alone)
    #expect(connections == 3)
    #expect(try store.responseCount(of: wave) == size + 5001)
  }

  @Test func slicesRiseAndEndAtTheLargestId() {
    for top: UInt64 in [0, 1, 1 << 20, 1 << 60, UInt64.max / 3, UInt64.max - 5, UInt64.max] {
      var last = ByteBuffer()
      last.writeInteger(top, endianness: .big)
      last.writeInteger(UInt64(42), endianness: .big)
      let slices = IdSlices(after: last)
      #expect(slices.count >= 1 && slices.count <= IdSlices.most)
      var before = last
      for j in Set([1, 2, slices.count / 2, slices.count - 1, slices.count]).sorted() where j >= 1 {
        let upper = slices.upper(j)
        #expect(upper.readableBytes == 16)
        #expect(Array(upper.readableBytesView).lexicographicallyPrecedes(Array(before.readableBytesView)) == false)
        before = upper
      }
      #expect(Array(slices.upper(slices.count).readableBytesView) == [UInt8](repeating: 0xFF, count: 16))
    }
    // Random ids: a first page of 8,192 responses out of about a million asks for about 140 slices.
    var last = ByteBuffer()
    last.writeInteger(UInt64.max / 122, endianness: .big)
    last.writeInteger(UInt64(0), endianness: .big)
    #expect((135...145).contains(IdSlices(after: last).count))
  }
}

extension ResponseStoring {
  /// How many connections to `database` are reading a wave's pages (other than this one).
  func readingConnections(_ database: String) throws -> Int {
    guard let store = self as? PostgresStore else { return 0 }
    let db = SyncConnection(try Blocking.run { try await store.link.connect() })
    defer { db.close() }
    let rows = try db.rows(
      "SELECT count(*)::int8 FROM pg_stat_activity WHERE datname = \(database) AND pid <> pg_backend_pid() AND query LIKE '%string_agg%'")
    return try rows[0].decode(Int.self)
  }
}
