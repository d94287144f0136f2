import Foundation
import GRDB

/// The embedded response store: one SQLite file (WAL mode) holding surveys, waves, responses,
/// answers and invitations.
///
/// Every write runs in one transaction, so a process killed at any point (even with SIGKILL)
/// leaves either all of a write or none of it. Several processes may use the store at once
/// (an import while `serve` runs); writers wait for each other up to ``busyTimeout``.
public final class ResponseStore: Sendable {
  /// How messages name the store file.
  public let name: String
  let pool: DatabasePool
  /// How long a writer waits for another process's write to finish.
  public static let busyTimeout: TimeInterval = 10

  /// Opens the store at `path`, creating it (when `create` is true) and bringing its schema
  /// up to date.
  /// - Throws: ``StoreError`` of kind `.cannotOpen` (or `.notFound` when the file does not
  ///   exist and `create` is false).
  public init(path: String, displayName: String? = nil, create: Bool = true) throws {
    name = displayName ?? path
    if !create, !FileManager.default.fileExists(atPath: path) {
      throw StoreError(kind: .notFound, store: name, message: "there is no store here", hint: "import responses first ('cultivar import SURVEY FILE --wave W'), or point --store or $\(StoreLocation.environmentVariable) at the store file")
    }
    var configuration = Configuration()
    configuration.busyMode = .timeout(Self.busyTimeout)
    configuration.label = "cultivar-store"
    configuration.prepareDatabase { db in
      // FULL: a transaction reported committed is on disk, not only in the OS cache.
      try db.execute(sql: "PRAGMA synchronous = FULL")
    }
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      let migrator = Schema.migrator
      if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
        throw StoreError(kind: .cannotOpen, store: name, message: "the store was written by a newer version of Cultivar", hint: "upgrade cultivar to read it")
      }
      try migrator.migrate(pool)
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw StoreError(kind: .cannotOpen, store: name, message: "cannot open the store: \(error.message ?? "\(error)")", hint: "check that the file is a Cultivar store (SQLite) and that its folder is writable")
    }
  }

  /// Runs `body` in one write transaction (committed when it returns, rolled back when it
  /// throws). Errors other than database errors pass through unchanged.
  func write<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.write(body)
    } catch let error as DatabaseError {
      throw writeError(error)
    }
  }

  /// The async form of ``write(_:)``, for the web server.
  func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
    do {
      return try await pool.write(body)
    } catch let error as DatabaseError {
      throw writeError(error)
    }
  }

  /// Runs `body` in a read transaction (a consistent snapshot of the store).
  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.read(body)
    } catch let error as DatabaseError {
      throw StoreError(kind: .cannotOpen, store: name, message: "cannot read the store: \(error.message ?? "\(error)")")
    }
  }

  /// The async form of ``read(_:)``, for the web server.
  func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
    do {
      return try await pool.read(body)
    } catch let error as DatabaseError {
      throw StoreError(kind: .cannotOpen, store: name, message: "cannot read the store: \(error.message ?? "\(error)")")
    }
  }

  private func writeError(_ error: DatabaseError) -> StoreError {
    if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
      return StoreError(kind: .writeFailed, store: name, message: "the store stayed busy for \(Int(Self.busyTimeout)) seconds", hint: "another cultivar process is writing; try again when it is done")
    }
    return StoreError(kind: .writeFailed, store: name, message: "cannot write to the store: \(error.message ?? "\(error)")", hint: "nothing of this write was stored; check the disk space and the file's permissions")
  }
}
