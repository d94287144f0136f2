import ArgumentParser
import CultivarKit

/// `cultivar store backup FILE`, `cultivar store copy FROM TO`, `cultivar store export`,
/// `cultivar store refresh`
struct StoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store",
    abstract: "Look after the response store.",
    subcommands: [Backup.self, Copy.self, Export.self, Refresh.self])

  /// `cultivar store backup FILE`
  struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "backup",
      abstract: "Copy the store, consistently, into one file (safe while serve or an import runs).",
      discussion:
        "Uses SQLite's online backup, so answers still in the write-ahead log (the store's -wal file) are included. Copying the .sqlite file alone with cp can lose them; the backup file needs no -wal beside it."
    )

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

  /// `cultivar store copy FROM TO`
  struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "copy",
      abstract: "Copy waves from one store to another (SQLite file or postgres:// database, either way).",
      discussion:
        "Copies one wave (--survey S --wave W), every wave of a survey (--survey S), or every wave. Responses keep their random ids, answers, days, import records and invitations (token hashes), so scores from both stores are identical. Each wave is written in one transaction; a wave that already holds responses in TO is refused. A database address never holds a password: give it in PGPASSWORD or ~/.pgpass."
    )

    @Argument(help: ArgumentHelp("The store to copy from: a SQLite file or postgres://USER@HOST:PORT/DB.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The store to copy into (created, or set up, if new).", valueName: "to"))
    var to: String

    @Option(help: ArgumentHelp("Only this survey's waves.", valueName: "id"))
    var survey: String?

    @Option(help: ArgumentHelp("Only this wave (needs --survey).", valueName: "name"))
    var wave: String?

    func run() throws {
      var job = StoreCopyJob(from: from, to: to)
      job.survey = survey
      job.wave = wave
      job.note = { Terminal.err($0) }
      do {
        Terminal.out(try job.run())
      } catch {
        throw Terminal.fail(error)
      }
    }
  }

  /// `cultivar store export --wave W FILE`
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write a wave's responses as a set: a CSV in random order, without ids, days or comments.",
      discussion:
        "One row per response (team and answers by item id, readable by 'score --responses'), shuffled afresh on every export, so rows cannot be put back in the order they arrived in or linked to the store. Works with both backends (SQLite file or postgres:// database)."
    )

    @Option(help: ArgumentHelp("The wave to export.", valueName: "name"))
    var wave: String

    @Option(help: ArgumentHelp("The survey of the wave (needed when the store holds several).", valueName: "id"))
    var survey: String?

    @Argument(help: ArgumentHelp("The CSV file to write (replaced if it exists).", valueName: "file"))
    var file: String

    @OptionGroup var store: StoreOptions

    func run() throws {
      let job = StoreExportJob(store: store.resolved, wave: wave, survey: survey, target: file)
      do {
        Terminal.out(try job.run())
      } catch {
        throw Terminal.fail(error)
      }
    }
  }

  /// `cultivar store refresh`
  struct Refresh: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "refresh",
      abstract: "Keep the waves' scoring pages ready after the web form stored responses (PostgreSQL).",
      discussion:
        "A PostgreSQL store keeps each wave's responses packed in pages, so 'score --wave' copies them whole. Imports and 'store copy' keep them ready; responses the web form stores afterwards are read row by row until this command builds the pages again (safe while serve runs; run it as the store's owner, e.g. nightly or when the form closes). A SQLite store has nothing to refresh."
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
      let job = StoreRefreshJob(store: store.resolved)
      do {
        Terminal.out(try job.run())
      } catch {
        throw Terminal.fail(error)
      }
    }
  }
}
