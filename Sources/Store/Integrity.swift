import Foundation
import GRDB

extension ResponseStore {
  /// Runs SQLite's `PRAGMA quick_check` (the structure of every page and index) the first time
  /// it is called on this store object; later calls return at once.
  /// - Throws: ``StoreError`` of kind `.cannotOpen` naming the first problems found.
  public func checkIntegrityOnce() throws {
    if integrity.withLock({ $0 }) { return }
    let problems = try read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
    guard problems == ["ok"] else {
      throw StoreError(
        kind: .cannotOpen, store: name,
        message: "the store is damaged (SQLite's quick_check found: \(problems.joined(separator: "; ")))",
        hint: "nothing was scored; restore the store from a backup ('cultivar store backup' makes one), or re-import the waves into a new store")
    }
    integrity.withLock { $0 = true }
  }

  /// A read-only view of the store as it is now, unchanged by later writes.
  func makeSnapshot() throws -> DatabaseSnapshot {
    do {
      return try pool.makeSnapshot()
    } catch let error as DatabaseError {
      throw StoreError(kind: .cannotOpen, store: name, message: "cannot read the store: \(error.message ?? "\(error)")")
    }
  }

  /// Copies the whole store, consistently, into a new single file at `path` with SQLite's
  /// online backup (what is in the write-ahead log included), while other processes keep
  /// reading and writing. The copy is written next to `path` and renamed into place, then
  /// checked.
  /// - Returns: the number of waves and of responses in the copy.
  /// - Throws: ``StoreError``.
  public func backup(to path: String, displayName: String) throws -> (waves: Int, responses: Int) {
    let target = URL(fileURLWithPath: path).standardizedFileURL
    let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
    func fail(_ message: String) -> StoreError {
      StoreError(
        kind: .writeFailed, store: displayName, message: message,
        hint: "nothing was written to \(displayName); check that its folder exists and is writable")
    }
    try? FileManager.default.removeItem(at: partial)
    defer { try? FileManager.default.removeItem(at: partial) }
    do {
      let copy = try DatabaseQueue(path: partial.path)
      try pool.backup(to: copy, pagesPerStep: 256)
      // A copy on its own: rollback journal, no -wal file needed beside it.
      try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
      let counts = try copy.read { db -> (String, Int, Int) in
        (
          try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "",
          try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM wave") ?? 0,
          try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM response") ?? 0
        )
      }
      try copy.close()
      guard counts.0 == "ok" else { throw fail("the copy failed its integrity check (\(counts.0))") }
      let handle = try FileHandle(forUpdating: partial)
      try handle.synchronize()
      try handle.close()
      if rename(partial.path, target.path) != 0 { throw fail("cannot write the copy: \(String(cString: strerror(errno)))") }
      return (counts.1, counts.2)
    } catch let error as DatabaseError {
      throw fail("cannot write the copy: \(error.message ?? "\(error)")")
    } catch let error as StoreError {
      throw error
    } catch {
      throw fail("cannot write the copy: \(error.localizedDescription)")
    }
  }
}
