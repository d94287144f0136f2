import Foundation
import PostgresNIO
import Store

/// Each wave's items numbered once (`wave_item`, schema version 9), the numbers that
/// ``AnswerPack``s name items by. A number is given the first time a writer stores an answer
/// to its item in that wave, and never changes or goes away while the wave exists. The item
/// ids are sent as parameters (never converted by the server from a client encoding).
enum WaveItems {
  /// How often a writer tries again when another one numbered items of the wave at the same
  /// moment (each try sees what the others committed).
  static let tries = 64

  /// The numbers of `items` in wave `wave`, giving the next free numbers to those that have
  /// none. Runs in the caller's transaction, which must be READ COMMITTED (each statement sees
  /// what other writers committed since): two writers numbering at once collide on a key,
  /// the second waits for the first and tries again with the numbers after it.
  static func numbers(_ db: PostgresConnection, wave: Int64, items: Set<String>, store: String) async throws -> [String: Int32] {
    var found: [String: Int32] = [:]
    if items.isEmpty { return found }
    for _ in 0..<tries {
      let wanted = items.filter { found[$0] == nil }.sorted()
      for row in try await db.rows(
        "SELECT item_id, number FROM wave_item WHERE wave_id = \(wave) AND item_id = ANY(\(wanted)::text[])")
      {
        let (item, number) = try row.decode((String, Int32).self)
        found[item] = number
      }
      let missing = items.filter { found[$0] == nil }.sorted()
      if missing.isEmpty { return found }
      try await db.run(
        """
        INSERT INTO wave_item (wave_id, number, item_id)
          SELECT \(wave), COALESCE((SELECT max(number) FROM wave_item WHERE wave_id = \(wave)), 0) + u.n, u.item
          FROM unnest(\(missing)::text[]) WITH ORDINALITY AS u(item, n)
          ON CONFLICT DO NOTHING
        """)
    }
    throw StoreError(
      kind: .writeFailed, store: store, message: "could not number the items of a wave: other writers kept numbering them at the same moment",
      hint: "nothing of this write was stored; try again")
  }

  /// Adds to `known` (the numbers a writer has of wave `wave`) those of `items` it lacks,
  /// numbering new ones (``numbers(_:wave:items:store:)``), in the caller's transaction.
  static func complete(_ known: inout [String: Int32], with items: some Sequence<String>, _ db: SyncConnection, wave: Int64, store: String)
    throws
  {
    var lacking = Set<String>()
    for item in items where known[item] == nil { lacking.insert(item) }
    guard !lacking.isEmpty else { return }
    let missing = lacking
    let connection = db.connection
    let given = try Blocking.run { try await numbers(connection, wave: wave, items: missing, store: store) }
    known.merge(given) { old, _ in old }
  }

  /// Every numbered item of wave `wave` (for a reader: read once, in its snapshot).
  static func all(_ db: SyncConnection, wave: Int64) throws -> [(number: Int32, item: String)] {
    try db.rows("SELECT number, item_id FROM wave_item WHERE wave_id = \(wave)").map { try $0.decode((Int32, String).self) }
  }
}

/// Numbers already committed, per wave, kept by a store so that the web form asks for them
/// once, not on every submission (numbers never change while their wave exists; wave ids are
/// never given again).
final class WaveItemCache: @unchecked Sendable {
  private let lock = NSLock()
  private var known: [Int64: [String: Int32]] = [:]

  /// The numbers of `items` if all are known.
  func numbers(wave: Int64, items: Set<String>) -> [String: Int32]? {
    lock.withLock {
      guard let ofWave = known[wave] else { return items.isEmpty ? [:] : nil }
      var found: [String: Int32] = [:]
      for item in items {
        guard let number = ofWave[item] else { return nil }
        found[item] = number
      }
      return found
    }
  }

  /// Keeps numbers whose transaction has committed.
  func keep(wave: Int64, _ numbers: [String: Int32]) {
    lock.withLock { known[wave, default: [:]].merge(numbers) { old, _ in old } }
  }
}
