import Foundation
import PostgresNIO
import Store
import SurveyModel

extension PostgresStore {
  /// The comments and multi-select answers of every visible response of a wave, read from one
  /// snapshot, in the order of the responses' random ids (as SQLite's
  /// ``ResponseStore/unscoredAnswers(of:comments:multis:)``). Reads through `visible_response`
  /// only, so the analyst role (docs/store.md) can run `comments --wave`.
  public func unscoredAnswers(of wave: WaveRef, comments: [String], multis: [(id: String, options: Int)]) throws -> [UnscoredAnswers] {
    let commentSlot = Dictionary(comments.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let multiSlot = Dictionary(multis.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    return try exclusive(.cannotOpen) { db in
      try db.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
        var position: [Data: Int] = [:]
        var rows: [UnscoredAnswers] = []
        for head in try db.rows("SELECT id, team FROM visible_response WHERE wave_id = \(wave.id) ORDER BY id") {
          let (id, team) = try head.decode((Data, String).self)
          position[id] = rows.count
          rows.append(
            UnscoredAnswers(
              team: team, comments: Array(repeating: nil, count: comments.count), selections: Array(repeating: nil, count: multis.count)))
        }
        if !comments.isEmpty {
          for row in try db.rows(
            "SELECT c.response_id, c.item_id, c.text FROM comment c JOIN visible_response r ON r.id = c.response_id WHERE r.wave_id = \(wave.id) AND c.item_id = ANY(\(comments)::text[])"
          ) {
            let (id, item, text) = try row.decode((Data, String, String).self)
            guard let index = position[id], let slot = commentSlot[item] else { continue }
            rows[index].comments[slot] = text
          }
        }
        if !multis.isEmpty {
          for row in try db.rows(
            "SELECT r.id, a.item_id, a.value FROM visible_response r, unnest(r.answer_items, r.answer_values) AS a(item_id, value) WHERE r.wave_id = \(wave.id) AND a.item_id = ANY(\(multis.map(\.id))::text[])"
          ) {
            let (id, item, value) = try row.decode((Data, String, Double).self)
            guard let index = position[id], let slot = multiSlot[item] else { continue }
            rows[index].selections[slot] = try StoredSelection.bits(value, item: multis[slot], store: name)
          }
        }
        return rows
      }
    }
  }
}
