import Foundation
import GRDB
import SurveyModel

extension ResponseStore {
  /// The comments and multi-select answers of every visible response of a wave, in the order
  /// of the responses' random ids (unrelated to the order they arrived in).
  /// - Parameters:
  ///   - comments: the comment items, in survey order.
  ///   - multis: the multi-select items, in survey order (stored as answers whose value is
  ///     the bit set of options chosen).
  /// - Throws: ``StoreError`` when the store cannot be read, or holds a multi-select answer
  ///   that is not a bit set of the item's options.
  public func unscoredAnswers(of wave: WaveRef, comments: [String], multis: [(id: String, options: Int)]) throws -> [UnscoredAnswers] {
    try checkIntegrityOnce()
    let commentSlot = Dictionary(comments.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let multiSlot = Dictionary(multis.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    return try read { db in
      var position: [Data: Int] = [:]
      var rows: [UnscoredAnswers] = []
      let heads = try Row.fetchCursor(db, sql: "SELECT id, team FROM visible_response WHERE wave_id = ? ORDER BY id", arguments: [wave.id])
      while let head = try heads.next() {
        position[head[0]] = rows.count
        rows.append(
          UnscoredAnswers(
            team: head[1], comments: Array(repeating: nil, count: comments.count), selections: Array(repeating: nil, count: multis.count)))
      }
      if !comments.isEmpty {
        let cursor = try Row.fetchCursor(
          db, sql: "SELECT c.response_id, c.item_id, c.text FROM comment c JOIN response r ON r.id = c.response_id WHERE r.wave_id = ?",
          arguments: [wave.id])
        while let row = try cursor.next() {
          guard let index = position[row[0]], let slot = commentSlot[row[1]] else { continue }
          rows[index].comments[slot] = row[2]
        }
      }
      if !multis.isEmpty {
        let cursor = try Row.fetchCursor(
          db, sql: "SELECT a.response_id, a.item_id, a.value FROM answer a JOIN response r ON r.id = a.response_id WHERE r.wave_id = ?",
          arguments: [wave.id])
        while let row = try cursor.next() {
          guard let index = position[row[0]], let slot = multiSlot[row[1]] else { continue }
          rows[index].selections[slot] = try StoredSelection.bits(row[2], item: multis[slot], store: name)
        }
      }
      return rows
    }
  }
}

/// A multi-select answer as stored: a number whose bits are the options chosen.
public enum StoredSelection {
  /// The options chosen in a stored multi-select answer.
  /// - Throws: ``StoreError`` when the value is not a bit set of the item's options.
  public static func bits(_ value: Double, item: (id: String, options: Int), store: String) throws -> UInt32 {
    let limit = Double(UInt64(1) << UInt64(item.options))
    guard value >= 0, value < limit, value == value.rounded(), let bits = UInt32(exactly: value) else {
      throw StoreError(
        kind: .notFound, store: store,
        message: "a stored answer to multi-select item '\(item.id)' is \(value), not a set of its \(item.options) options",
        hint:
          "the item's options changed since the wave was collected: give the item a new id for the new options, or restore the plugin version the wave was collected with"
      )
    }
    return bits
  }
}
