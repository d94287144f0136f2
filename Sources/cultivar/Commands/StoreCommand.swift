import ArgumentParser
import CultivarKit

/// `cultivar store backup FILE`
struct StoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store",
    abstract: "Look after the response store.",
    subcommands: [Backup.self])

  /// `cultivar store backup FILE`
  struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Copy the store, consistently, into one file (safe while serve or an import runs).",
      discussion: "Uses SQLite's online backup, so answers still in the write-ahead log (the store's -wal file) are included. Copying the .sqlite file alone with cp can lose them; the backup file needs no -wal beside it.")

    @Argument(help: ArgumentHelp("The backup file to write (replaced if it exists).", valueName: "file"))
    var file: String

    @OptionGroup var store: StoreOptions

    func run() throws {
      let job = StoreBackupJob(storePath: store.resolved, target: file)
      do {
        Terminal.out(try job.run())
      } catch {
        throw Terminal.fail(error)
      }
    }
  }
}
