import Foundation
import Store
import SurveyModel

/// `cultivar store backup FILE`: a consistent copy of the store in one file, made with
/// SQLite's online backup while `serve` or an import may be writing.
public struct StoreBackupJob {
  /// The resolved store path (see ``StoreLocation``).
  public var storePath: String
  public var target: String
  public var workspace = Workspace()

  public init(storePath: String, target: String) {
    self.storePath = storePath
    self.target = target
  }

  /// Makes the copy.
  /// - Returns: what was copied, and where.
  public func run() throws -> String {
    if case .postgres(let address) = try StoreAddress.parse(storePath) {
      throw UsageError(
        message: "'store backup' copies a SQLite store; \(address.display) is a PostgreSQL database",
        hint:
          "back it up with PostgreSQL's own tools: pg_dump -Fc -h \(address.host) -p \(address.port) -U \(address.user) \(address.database) > cultivar.dump (docs/store.md: backups), or copy waves into a SQLite file with 'cultivar store copy'"
      )
    }
    let source = URL(fileURLWithPath: storePath).standardizedFileURL.resolvingSymlinksInPath()
    let destination = URL(fileURLWithPath: target).standardizedFileURL.resolvingSymlinksInPath()
    let display = workspace.display(target)
    guard !target.isEmpty else { throw UsageError(message: "the backup file name is empty") }
    for suffix in ["", "-wal", "-shm", "-journal"] where destination.path == source.path + suffix {
      throw UsageError(
        message: "the backup cannot be written over the store or its own files (\(display))",
        hint: "name another file, e.g. backups/cultivar-2026-09-30.sqlite")
    }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: destination.path, isDirectory: &isFolder), isFolder.boolValue {
      throw UsageError(message: "\(display) is a folder", hint: "name the backup file, e.g. \(display)/cultivar.sqlite")
    }
    let store = try ResponseStore(path: storePath, displayName: workspace.display(storePath), create: false)
    try store.checkIntegrityOnce()
    let (waves, responses) = try store.backup(to: destination.path, displayName: display)
    return
      "backed up \(store.name) to \(display): \(waves) wave\(waves == 1 ? "" : "s"), \(responses) response\(responses == 1 ? "" : "s") (one self-contained file; copy it as it is)\n"
  }
}
