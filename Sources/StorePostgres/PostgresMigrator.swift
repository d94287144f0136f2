import Foundation
import PostgresNIO
import Store

/// Brings a PostgreSQL store up to date with ``Migration/all``: the steps not yet recorded in
/// `cultivar_migration` run in one transaction, under an advisory lock so that several
/// processes starting at once migrate it once.
enum PostgresMigrator {
  /// The advisory lock key of migrations (any constant shared by every Cultivar).
  static let lockKey: Int64 = 0x6375_6C74_6976_6172 & 0x7FFF_FFFF_FFFF_FFFF

  /// - Parameters:
  ///   - create: whether an empty database may be made a store.
  ///   - note: receives the line saying which versions were applied.
  /// - Throws: ``StoreError``: a store from a newer Cultivar, or no store where one must be.
  /// - Returns: the versions applied (none when the store was up to date).
  @discardableResult
  static func migrate(_ db: SyncConnection, name: String, create: Bool, note: (String) -> Void) throws -> [Int] {
    let applied: [Int] = try db.transaction {
      try db.run("SELECT pg_advisory_xact_lock(\(lockKey))")
      let exists = try db.rows("SELECT to_regclass('cultivar_migration') IS NOT NULL").first?.decode(Bool.self) ?? false
      let done: Set<Int> = exists ? Set(try db.rows("SELECT version FROM cultivar_migration").map { try $0.decode(Int.self) }) : []
      if let newest = done.max(), newest > Migration.latest {
        throw StoreError(
          kind: .cannotOpen, store: name,
          message: "the store was written by a newer version of Cultivar (schema version \(newest); this one knows up to \(Migration.latest))",
          hint: "upgrade cultivar to use it")
      }
      let pending = Migration.all.filter { !done.contains($0.version) }
      if pending.isEmpty { return [] }
      if done.isEmpty, !create {
        throw StoreError(
          kind: .notFound, store: name, message: "this database holds no Cultivar store yet",
          hint: "import responses first ('cultivar import SURVEY FILE --wave W --store \(name)'), which sets it up")
      }
      if !exists {
        try db.run("CREATE TABLE cultivar_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_on TEXT NOT NULL)")
      }
      for step in pending {
        for statement in step.postgres { try db.run(PostgresQuery(unsafeSQL: statement)) }
        try db.run("INSERT INTO cultivar_migration (version, name, applied_on) VALUES (\(step.version), \(step.name), \(Day.today()))")
      }
      return pending.map(\.version)
    }
    if !applied.isEmpty {
      note("\(name): set up the store's tables (schema version\(applied.count == 1 ? "" : "s") \(applied.map(String.init).joined(separator: ", ")))")
    }
    return applied
  }
}
