import Foundation
import PostgresNIO
import Store
import SurveyIO
import SurveyModel

/// A query read through a server-side cursor on a connection of its own, in one read-only
/// repeatable-read transaction (a consistent snapshot), `pageSize` rows at a time: memory
/// holds one page, however many rows the query has.
final class PostgresCursor {
  private let db: SyncConnection
  private let link: PostgresLink
  private let pageSize: Int
  private var open = true

  /// - Parameter sql: the query (values in it must be literals made by Cultivar, e.g. ids).
  init(link: PostgresLink, sql: String, pageSize: Int = 2000) throws {
    self.link = link
    self.pageSize = pageSize
    db = SyncConnection(try Blocking.run { try await link.connect() })
    do {
      try db.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
      try db.run(PostgresQuery(unsafeSQL: "DECLARE cultivar_rows NO SCROLL CURSOR FOR \(sql)"))
    } catch {
      db.close()
      throw link.storeError(error, kind: .cannotOpen)
    }
  }

  deinit { db.close() }

  /// The next page of rows; empty at the end (and the cursor closed).
  func nextPage() throws -> [PostgresRow] {
    guard open else { return [] }
    do {
      let rows = try db.rows(PostgresQuery(unsafeSQL: "FETCH \(pageSize) FROM cultivar_rows"))
      if rows.count < pageSize {
        open = false
        try? db.run("COMMIT")
        db.close()
      }
      return rows
    } catch {
      open = false
      db.close()
      throw link.storeError(error, kind: .cannotOpen)
    }
  }
}

/// The responses of one wave on PostgreSQL, streamed for scoring (see ``PostgresCursor``), in
/// the order of their random ids, as ``StoredResponses`` reads them from SQLite: the same
/// rows come in the same order and are numbered alike, so scores match to the last digit.
final class PostgresResponses: ResponseSource {
  let file: String
  let header: [String]
  private(set) var rowsRead = 0
  private let cursor: PostgresCursor
  private let slotOfItem: [String: Int]
  private let itemCount: Int
  private var page: [PostgresRow] = []
  private var index = 0

  init(link: PostgresLink, wave: WaveRef, itemIDs: [String], file: String) throws {
    self.file = file
    header = ["response", "team"] + itemIDs
    itemCount = itemIDs.count
    slotOfItem = Dictionary(itemIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    cursor = try PostgresCursor(
      link: link,
      sql: """
        SELECT r.team, a.items, a.vals FROM visible_response r
        LEFT JOIN LATERAL (SELECT array_agg(item_id) AS items, array_agg(value) AS vals FROM answer WHERE answer.response_id = r.id) a ON true
        WHERE r.wave_id = \(wave.id) ORDER BY r.id
        """)
  }

  func next() throws -> ResponseOutcome? {
    if index == page.count {
      page = try cursor.nextPage()
      index = 0
      if page.isEmpty { return nil }
    }
    let (team, items, values) = try page[index].decode((String, [String]?, [Double]?).self)
    index += 1
    rowsRead += 1
    var row = ResponseRow(line: rowsRead, respondent: "response \(rowsRead)", team: team, values: Array(repeating: .nan, count: itemCount))
    if let items, let values {
      for (item, value) in zip(items, values) {
        if let slot = slotOfItem[item] { row.values[slot] = value }
      }
    }
    return .row(row)
  }
}
