import Foundation
import Store
import StorePostgres

/// Opens the store a `--store` value or `$CULTIVAR_STORE` names: a SQLite file, or a
/// PostgreSQL database (`postgres://user@host:port/db`). What every store command shares.
enum StoreAccess {
  /// The store at `location` (see ``StoreLocation``).
  /// - Parameters:
  ///   - create: whether a missing store may be created (a new file, or the tables in an
  ///     empty database).
  ///   - busyWait: how long a SQLite write waits for another process's write.
  ///   - autoCheckpoint: SQLite's automatic checkpoints (the web form turns them off).
  ///   - note: receives the line saying a database was set up as a store, and warnings.
  /// - Throws: ``StoreError``.
  static func open(
    _ location: String, workspace: Workspace, create: Bool = true, busyWait: TimeInterval = ResponseStore.busyTimeout, autoCheckpoint: Bool = true,
    poolSize: Int = 8, note: (String) -> Void = { _ in }
  ) throws -> any ResponseStoring {
    switch try StoreAddress.parse(location) {
    case .file(let path):
      return try ResponseStore(path: path, displayName: workspace.display(path), create: create, busyWait: busyWait, autoCheckpoint: autoCheckpoint)
    case .postgres(let address):
      return try PostgresStore(address: address, create: create, poolSize: poolSize, note: note)
    }
  }
}
