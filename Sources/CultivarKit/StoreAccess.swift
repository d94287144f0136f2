import Foundation
import Store

/// Opens the store a `--store` value or `$CULTIVAR_STORE` names: a SQLite file, or a
/// PostgreSQL database (`postgres://user@host:port/db`). What every store command shares.
enum StoreAccess {
  /// The store at `location` (see ``StoreLocation``).
  /// - Parameters:
  ///   - create: whether a missing store may be created (a new file, or the tables in an
  ///     empty database).
  ///   - busyWait: how long a SQLite write waits for another process's write.
  ///   - autoCheckpoint: SQLite's automatic checkpoints (the web form turns them off).
  ///   - note: receives the line saying a database was set up or brought up to date as a
  ///     store, and warnings (standard error unless the command routes them).
  /// - Throws: ``StoreError``.
  static func open(
    _ location: String, workspace: Workspace, create: Bool = true, busyWait: TimeInterval = ResponseStore.busyTimeout, autoCheckpoint: Bool = true,
    poolSize: Int = 8, note: (String) -> Void = toStandardError
  ) throws -> any ResponseStoring {
    switch try StoreAddress.parse(location) {
    case .file(let path):
      return try ResponseStore(path: path, displayName: workspace.display(path), create: create, busyWait: busyWait, autoCheckpoint: autoCheckpoint)
    case .postgres(let address):
      return try NetworkParts.required(for: "a PostgreSQL store").openPostgres(address, create, poolSize, note)
    }
  }

  /// Writes a line to standard error (the commands that read a store say so when they
  /// migrate it).
  static func toStandardError(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
