import Foundation
import PostgresNIO
import Store

/// One connection used from synchronous code: each query waits for its rows.
final class SyncConnection: @unchecked Sendable {
  let connection: PostgresConnection
  private var inTransaction = false

  init(_ connection: PostgresConnection) {
    self.connection = connection
  }

  /// The rows of `query`.
  func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
    let connection = self.connection
    return try Blocking.run { try await connection.rows(query) }
  }

  /// The rows of `query`, gathered on the connection's event loop: no `await` per row, which
  /// a cursor's pages of thousands of rows would pay for in task switches (docs/store.md).
  func page(_ query: PostgresQuery) throws -> [PostgresRow] {
    try start(query).wait().rows
  }

  /// Sends `query` and returns at once; its rows are gathered on the connection's event loop.
  func start(_ query: PostgresQuery) -> EventLoopFuture<PostgresQueryResult> {
    connection.query(query, logger: PostgresLink.logger)
  }

  /// Runs a statement that returns nothing.
  func run(_ query: PostgresQuery) throws {
    let connection = self.connection
    try Blocking.run { try await connection.run(query) }
  }

  /// Loads `data` (rows in COPY's text format) into `columns` of `table` with `COPY ... FROM STDIN`.
  func copy(_ data: ByteBuffer, into table: String, columns: [String]) throws {
    let connection = self.connection
    try Blocking.run {
      try await connection.copyFrom(table: table, columns: columns, logger: PostgresLink.logger) { writer in try await writer.write(data) }
    }
  }

  /// Runs `body` in one transaction (committed when it returns, rolled back when it throws).
  func transaction<T>(_ begin: PostgresQuery = "BEGIN", _ body: () throws -> T) throws -> T {
    try run(begin)
    do {
      let result = try body()
      try run("COMMIT")
      return result
    } catch {
      try? run("ROLLBACK")
      throw error
    }
  }

  private var closed = false

  /// Closes the connection and waits until it is closed (at most once).
  func close() {
    guard !closed else { return }
    closed = true
    try? (connection.close() as EventLoopFuture<Void>).wait()
  }

  deinit { close() }
}
