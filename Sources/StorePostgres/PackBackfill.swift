import Foundation
import PostgresNIO
import Store
import SurveyModel

/// Writes the ``AnswerPack`` of the responses stored without one (before schema version 9, by
/// an older Cultivar still running, or by hand), in batches of ``batchSize`` rows, each in a
/// short transaction of its own: the rows of a batch are locked while it runs (`FOR UPDATE
/// SKIP LOCKED`; the web form only inserts, so it never waits), and a process stopped midway
/// leaves the rest to be read from their arrays, as they were, until a later run. A row read
/// before its pack is written is read from its arrays: the scores are the same either way.
///
/// Run by the process that migrates a store to version 9, and by the commands that open a store
/// for writing (import, invite, store copy) when the role may update responses.
enum PackBackfill {
  static let batchSize = 4096

  /// Packs every response that has no pack; returns how many it packed.
  @discardableResult
  static func run(_ db: SyncConnection, store: String, note: (String) -> Void) throws -> Int {
    let allowed = try db.rows(
      "SELECT has_table_privilege('response', 'UPDATE') AND has_table_privilege('wave_item', 'INSERT') AND EXISTS (SELECT 1 FROM response WHERE answer_pack IS NULL)"
    )[0].decode(Bool.self)
    guard allowed else { return 0 }
    var last = ByteBuffer()
    var numbers: [Int64: [String: Int32]] = [:]
    var total = 0
    while true {
      let (seen, packed): (Int, Int) = try db.transaction {
        let rows = try db.rows(
          """
          SELECT id, wave_id, team, answer_items, answer_values FROM response
            WHERE answer_pack IS NULL AND id > \(last) ORDER BY id LIMIT \(batchSize) FOR UPDATE SKIP LOCKED
          """)
        if rows.isEmpty { return (0, 0) }
        var read: [(id: ByteBuffer, wave: Int64, team: String, items: [String], values: [Double])] = []
        for row in rows {
          let (id, wave, team, items, values) = try row.decode((ByteBuffer, Int64, String, [String], [Double]).self)
          read.append((id, wave, team, items, values))
        }
        for (wave, items) in Dictionary(grouping: read, by: \.wave).mapValues({ $0.flatMap(\.items) }) {
          try WaveItems.complete(&numbers[wave, default: [:]], with: items, db, wave: wave, store: store)
        }
        // A pack too long to write stays NULL (sent empty, and left alone).
        let packs = read.map { row in
          ByteBuffer(bytes: AnswerPack.encode(team: row.team, zip(row.items, row.values).map { (numbers[row.wave]![$0.0]!, $0.1) }) ?? [])
        }
        try db.run(
          """
          UPDATE response SET answer_pack = u.pack FROM unnest(\(read.map(\.id))::bytea[], \(packs)::bytea[]) AS u(id, pack)
            WHERE response.id = u.id AND octet_length(u.pack) > 0
          """)
        last = read[read.count - 1].id
        return (read.count, packs.filter { $0.readableBytes > 0 }.count)
      }
      if seen == 0 { break }
      total += packed
    }
    if total > 0 {
      markVisible(db)
      note("\(store): packed the answers of \(Counted.phrase(total, "response")) stored without a pack (schema version 9, docs/store.md)")
    }
    return total
  }

  /// Vacuums `response` after a write of many rows, so that the scoring read finds their pages
  /// all visible and reads `response_ready` alone (an index-only scan; until a vacuum, by this
  /// or by autovacuum, it also reads the rows). Outside any transaction; a role that does not
  /// own the table only gets the server's warning, and any failure is left: it costs speed,
  /// never rows.
  static func markVisible(_ db: SyncConnection) {
    try? db.run("VACUUM response")
  }
}
