import Foundation
import GRDB

/// The embedded response store: one SQLite file (WAL mode) holding surveys, waves, responses,
/// answers and invitations.
///
/// Every write runs in one transaction, so a process killed at any point (even with SIGKILL)
/// leaves either all of a write or none of it. Several processes may use the store at once
/// (an import while `serve` runs); writers wait for each other up to ``busyTimeout``.
public final class ResponseStore: ResponseStoring, Sendable {
  /// How messages name the store file.
  public let name: String
  let pool: DatabasePool
  /// How long a writer waits for another process's write to finish (by default).
  public static let busyTimeout: TimeInterval = 10
  /// How long this store's writers wait for another process's write to finish.
  public let busyWait: TimeInterval
  /// Whether ``checkIntegrityOnce()`` has passed.
  let integrity = LockedFlag()

  /// Opens the store at `path`, creating it (when `create` is true) and bringing its schema
  /// up to date.
  /// - Throws: ``StoreError`` of kind `.cannotOpen` (or `.notFound` when the file does not
  ///   exist and `create` is false).
  ///   - busyWait: how long a write waits for another process's write before failing.
  ///   - autoCheckpoint: whether a commit may copy the write-ahead log into the database
  ///     (SQLite's default). The web form turns it off, so no submission pays for copying an
  ///     import's pages, and checkpoints from a background task (``checkpoint()``).
  public init(
    path: String, displayName: String? = nil, create: Bool = true, busyWait: TimeInterval = ResponseStore.busyTimeout, autoCheckpoint: Bool = true
  ) throws {
    name = displayName ?? path
    self.busyWait = busyWait
    if !create, !FileManager.default.fileExists(atPath: path) {
      throw StoreError(
        kind: .notFound, store: name, message: "there is no store here",
        hint:
          "import responses first ('cultivar import SURVEY FILE --wave W'), or point --store or $\(StoreLocation.environmentVariable) at the store file"
      )
    }
    var configuration = Configuration()
    // Polls every millisecond (SQLite's own timeout sleeps up to 100 ms between tries, and
    // an import frees the lock for a few milliseconds between its short transactions).
    let polls = max(1, Int(busyWait * 1000))
    configuration.busyMode = .callback { retries in
      guard retries < polls else { return false }
      usleep(1000)
      return true
    }
    configuration.label = "cultivar-store"
    configuration.prepareDatabase { db in
      // FULL: a transaction reported committed is on disk, not only in the OS cache.
      try db.execute(sql: "PRAGMA synchronous = FULL")
      // Deleted rows (pruned tickets, discarded imports, the old tables of a migration) are
      // overwritten, so no removed data stays readable in the file.
      try db.execute(sql: "PRAGMA secure_delete = ON")
      if !autoCheckpoint { try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
    }
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      let migrator = Schema.migrator
      if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
        throw StoreError(
          kind: .cannotOpen, store: name, message: "the store was written by a newer version of Cultivar", hint: "upgrade cultivar to read it")
      }
      try migrator.migrate(pool)
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw StoreError(
        kind: .cannotOpen, store: name, message: "cannot open the store: \(error.message ?? "\(error)")",
        hint: "check that the file is a Cultivar store (SQLite) and that its folder is writable")
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

  /// Runs `body` with the writer connection but no transaction: `body` opens and commits its
  /// own (an import's short transactions).
  func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.writeWithoutTransaction(body)
    } catch let error as DatabaseError {
      throw writeError(error)
    }
  }

  /// Copies what it can of the write-ahead log into the database without waiting for
  /// readers or writers (SQLite's passive checkpoint).
  /// SQLite reads a wave straight from its table: nothing is kept to refresh.
  public func refreshScoringPages() throws -> (waves: Int, pages: Int)? { nil }

  public func checkpoint() async throws {
    do {
      try await pool.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    } catch let error as DatabaseError {
      throw writeError(error)
    }
  }

  static func seconds(_ time: TimeInterval) -> String {
    time == time.rounded() ? "\(Int(time)) second\(time == 1 ? "" : "s")" : "\(time) seconds"
  }

  func writeError(_ error: DatabaseError) -> StoreError {
    if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
      var busy = StoreError(
        kind: .writeFailed, store: name, message: "the store stayed busy for \(Self.seconds(busyWait))",
        hint: "another cultivar process is writing; try again when it is done")
      busy.isBusy = true
      return busy
    }
    return StoreError(
      kind: .writeFailed, store: name, message: "cannot write to the store: \(error.message ?? "\(error)")",
      hint: "nothing of this write was stored; check the disk space and the file's permissions")
  }
}

/// A boolean shared between threads.
final class LockedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false

  func withLock<T>(_ body: (inout Bool) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
