import Foundation
import GRDB

/// SQL read from a test's store, whichever backend holds it: GRDB for a SQLite file, `psql`
/// for a database (the queries the tests ask are the same on both).
enum StoreQuery {
  /// The first column of every row of `sql`, as text (NULL as an empty string).
  /// - Parameter store: a SQLite file's path, or a database address (`PGPASSWORD` in the environment).
  static func strings(_ store: String, _ sql: String) throws -> [String] {
    guard store.hasPrefix("postgres://") else {
      return try DatabaseQueue(path: store).read { db in
        try Row.fetchAll(db, sql: sql).map { row in row[0].map { "\($0)" } ?? "" }
      }
    }
    let psql = Process()
    psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
    psql.arguments = [store, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]
    let out = Pipe()
    psql.standardOutput = out
    try psql.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    psql.waitUntilExit()
    guard psql.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
    return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }

  /// The number `sql` selects (e.g. a `COUNT(*)`).
  static func int(_ store: String, _ sql: String) throws -> Int {
    guard let text = try strings(store, sql).first, let value = Int(text) else { throw CocoaError(.fileReadCorruptFile) }
    return value
  }
}

extension Sandbox {
  /// The default store as ``StoreQuery`` reads it: the database, or `cultivar.sqlite`'s path.
  var storeForQueries: String { storeAddress ?? path("cultivar.sqlite") }
}
