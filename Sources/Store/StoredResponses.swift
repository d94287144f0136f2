import Foundation
import GRDB
import SurveyIO
import SurveyModel

/// The responses of one wave, read from the store page by page as a ``ResponseSource``, so
/// scoring reads a wave exactly as it reads a CSV file.
///
/// Reading uses a snapshot taken when it starts (a read transaction held until the reader is
/// released), so a write during scoring cannot make the result inconsistent. Rows come in the
/// order of their random ids, which is unrelated to the order they arrived in.
public final class StoredResponses: ResponseSource {
  public let file: String
  public let header: [String]
  public private(set) var rowsRead = 0
  private let snapshot: DatabaseSnapshot
  private let wave: WaveRef
  private let slotOfItem: [String: Int]
  private let itemCount: Int
  private var afterID = Data()
  private var page: [ResponseRow] = []
  private var pageIndex = 0
  private let pageSize: Int
  private var exhausted = false
  private let groupColumn: String
  /// With the survey's attributes: the codes that make each row's group key.
  private let codes: AttributeCodes?
  /// The group of responses whose language was not recorded, with `byLanguage`.
  public static let unrecordedLanguage = "(not recorded)"

  /// - Parameters:
  ///   - itemIDs: the item of each value slot (answers to other items are left out).
  ///   - byLanguage: group the rows by the language they were given in (in the team field)
  ///     instead of by team.
  ///   - attributes: the survey's attributes; when not empty, each row's group carries its
  ///     stored attribute values (``AttributeKey``).
  /// - Throws: ``StoreError`` when the store cannot be read, or fails its integrity check.
  public init(
    store: ResponseStore, wave: WaveRef, itemIDs: [String], pageSize: Int = 2000, byLanguage: Bool = false, attributes: [Attribute] = []
  ) throws {
    codes = attributes.isEmpty ? nil : AttributeCodes(attributes: attributes, store: store.name, wave: wave.name)
    groupColumn = byLanguage ? "COALESCE(language, '\(Self.unrecordedLanguage)')" : "team"
    try store.checkIntegrityOnce()
    self.wave = wave
    self.pageSize = pageSize
    file = "\(store.name) wave '\(wave.name)'"
    header = ["response", "team"] + itemIDs
    itemCount = itemIDs.count
    slotOfItem = Dictionary(itemIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    snapshot = try store.makeSnapshot()
  }

  public func next() throws -> ResponseOutcome? {
    if pageIndex == page.count {
      guard !exhausted else { return nil }
      try loadPage()
      if page.isEmpty { return nil }
    }
    let row = page[pageIndex]
    pageIndex += 1
    rowsRead += 1
    return .row(row)
  }

  private func loadPage() throws {
    let (wave, afterID, pageSize, itemCount, slotOfItem, base, group, codes) = (
      self.wave, self.afterID, self.pageSize, self.itemCount, self.slotOfItem, rowsRead, groupColumn, self.codes
    )
    let (rows, lastID): ([ResponseRow], Data?) = try snapshot.read { db in
      let heads = try Row.fetchAll(
        db, sql: "SELECT id, \(group) FROM visible_response WHERE wave_id = ? AND id > ? ORDER BY id LIMIT ?",
        arguments: [wave.id, afterID, pageSize])
      guard let first = heads.first, let last = heads.last else { return ([], nil) }
      var position: [Data: Int] = [:]
      var rows: [ResponseRow] = []
      for head in heads {
        let id: Data = head[0]
        position[id] = rows.count
        let number = base + rows.count + 1
        rows.append(ResponseRow(line: number, respondent: "response \(number)", team: head[1], values: Array(repeating: .nan, count: itemCount)))
      }
      let answers = try Row.fetchCursor(
        db, sql: "SELECT response_id, item_id, value FROM answer WHERE response_id BETWEEN ? AND ?", arguments: [first[0] as Data, last[0] as Data])
      while let answer = try answers.next() {
        guard let index = position[answer[0]], let slot = slotOfItem[answer[1]] else { continue }
        rows[index].values[slot] = answer[2]
      }
      if let codes {
        var given = [[(String, String)]](repeating: [], count: rows.count)
        let stored = try Row.fetchCursor(
          db, sql: "SELECT response_id, name, value FROM response_attribute WHERE response_id BETWEEN ? AND ?",
          arguments: [first[0] as Data, last[0] as Data])
        while let attribute = try stored.next() {
          guard let index = position[attribute[0]] else { continue }
          given[index].append((attribute[1], attribute[2]))
        }
        for index in rows.indices { rows[index].team = try codes.key(team: rows[index].team, stored: given[index]) }
      }
      return (rows, last[0] as Data)
    }
    page = rows
    pageIndex = 0
    if let lastID { self.afterID = lastID }
    if rows.count < pageSize { exhausted = true }
  }
}
