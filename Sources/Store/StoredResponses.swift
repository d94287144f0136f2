import GRDB
import SurveyIO
import SurveyModel

/// The responses of one wave, read from the store page by page as a ``ResponseSource``, so
/// scoring reads a wave exactly as it reads a CSV file.
///
/// Only responses present when reading starts are read (stored responses never change), so a
/// write during scoring cannot make the result inconsistent.
public final class StoredResponses: ResponseSource {
  public let file: String
  public let header: [String]
  public private(set) var rowsRead = 0
  private let store: ResponseStore
  private let wave: WaveRef
  private let slotOfItem: [String: Int]
  private let itemCount: Int
  private let lastID: Int64
  private var afterID: Int64 = 0
  private var page: [ResponseRow] = []
  private var pageIndex = 0
  private let pageSize: Int

  /// - Parameters:
  ///   - itemIDs: the item of each value slot (answers to other items are left out).
  public init(store: ResponseStore, wave: WaveRef, itemIDs: [String], pageSize: Int = 2000) throws {
    self.store = store
    self.wave = wave
    self.pageSize = pageSize
    file = "\(store.name) wave '\(wave.name)'"
    header = ["response", "team"] + itemIDs
    itemCount = itemIDs.count
    slotOfItem = Dictionary(itemIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    lastID = try store.read { db in
      try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM response WHERE wave_id = ?", arguments: [wave.id]) ?? 0
    }
  }

  public func next() throws -> ResponseOutcome? {
    if pageIndex == page.count {
      try loadPage()
      if page.isEmpty { return nil }
    }
    let row = page[pageIndex]
    pageIndex += 1
    rowsRead += 1
    return .row(row)
  }

  private func loadPage() throws {
    let (wave, afterID, lastID, pageSize, itemCount, slotOfItem) = (self.wave, self.afterID, self.lastID, self.pageSize, self.itemCount, self.slotOfItem)
    page = try store.read { db in
      let heads = try Row.fetchAll(db, sql: "SELECT id, team FROM response WHERE wave_id = ? AND id > ? AND id <= ? ORDER BY id LIMIT ?", arguments: [wave.id, afterID, lastID, pageSize])
      guard let first = heads.first, let last = heads.last else { return [] }
      var position: [Int64: Int] = [:]
      var rows: [ResponseRow] = []
      for head in heads {
        let id: Int64 = head[0]
        position[id] = rows.count
        rows.append(ResponseRow(line: Int(id), respondent: "response \(id)", team: head[1], values: Array(repeating: .nan, count: itemCount)))
      }
      let answers = try Row.fetchCursor(db, sql: "SELECT response_id, item_id, value FROM answer WHERE response_id BETWEEN ? AND ?", arguments: [first[0] as Int64, last[0] as Int64])
      while let answer = try answers.next() {
        guard let index = position[answer[0]], let slot = slotOfItem[answer[1]] else { continue }
        rows[index].values[slot] = answer[2]
      }
      return rows
    }
    pageIndex = 0
    if let last = page.last { self.afterID = Int64(last.line) }
  }
}
