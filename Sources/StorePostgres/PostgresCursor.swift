import Foundation
import PostgresNIO
import Store

/// A query read through a server-side cursor on a connection of its own, in one read-only
/// repeatable-read transaction (a consistent snapshot), `pageSize` rows at a time: memory
/// holds one page, however many rows the query has. The connection hands postgres-nio whole
/// messages (``PostgresLink/connectForReading()``), so a page's rows cost their bytes once.
final class PostgresCursor {
  private let db: SyncConnection
  private let link: PostgresLink
  private let pageSize: Int
  private var open = true

  /// - Parameters:
  ///   - query: the query; its values are bound (`\(value)` in the query), never spliced in.
  ///   - pageSize: rows per round trip.
  init(link: PostgresLink, query: PostgresQuery, pageSize: Int = 2000) throws {
    self.link = link
    self.pageSize = pageSize
    db = SyncConnection(try Blocking.run { try await link.connectForReading() })
    do {
      try db.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
      // A wave is read in the order of its ids through the wave's index: compiling the plan
      // (JIT) costs more than it saves, and a bitmap scan would need a sort (docs/store.md).
      try db.run("SET LOCAL jit = off")
      try db.run("SET LOCAL enable_bitmapscan = off")
      var declare = query
      declare.sql = "DECLARE cultivar_rows NO SCROLL CURSOR FOR " + query.sql
      try db.run(declare)
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
      let rows = try db.page(PostgresQuery(unsafeSQL: "FETCH \(pageSize) FROM cultivar_rows"))
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
