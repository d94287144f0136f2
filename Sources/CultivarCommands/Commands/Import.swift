import ArgumentParser
import CultivarKit

/// `cultivar import SURVEY FILE --wave W`
struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a survey tool's export into a wave of the response store.",
    discussion: """
      Reads Cultivar CSV, Qualtrics (CSV/TSV, 3 or legacy 2 header rows), Google Forms CSV, Microsoft Forms \
      (.xlsx) and SurveyMonkey (CSV/XLSX, 2 header rows) exports. Columns match items by item id or by the \
      item's text; answers may be numbers or the scale's labels. All rows are imported or none; responses \
      already in the wave are skipped, so importing the same file twice adds nothing.
      """)

  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Argument(help: ArgumentHelp("The export file (.csv, .tsv or .xlsx).", valueName: "file"))
  var file: String

  @Option(help: ArgumentHelp("The wave to import into (created when new), e.g. 2026-q3.", valueName: "wave"))
  var wave: String

  @Option(help: ArgumentHelp("The export layout: \(ImportJob.formats.joined(separator: ", ")).", valueName: "format"))
  var format: String = "auto"

  @Option(help: ArgumentHelp("The header of the column holding the team (default: the survey's team column).", valueName: "header"))
  var teamColumn: String?

  @Option(help: ArgumentHelp("The team of every row, for an export without a team column.", valueName: "team"))
  var team: String?

  @Option(
    help: ArgumentHelp(
      "How the export writes unticked boxes of a multi-select with a column per option: zero or blank (default: blank for SurveyMonkey, zero for the others).",
      valueName: "zero|blank"))
  var unticked: String?

  @Flag(help: "Import the valid rows and write the others, with reasons, to a rejects file.")
  var skipInvalid = false

  @Option(help: ArgumentHelp("Where --skip-invalid writes rejected rows (default: FILE.rejects.csv).", valueName: "file"))
  var rejects: String?

  @OptionGroup var store: StoreOptions
  @OptionGroup var plugins: PluginOptions

  func run() throws {
    var job = ImportJob(surveyPath: survey, filePath: file, wave: wave, storePath: store.resolved)
    job.format = format
    job.teamColumn = teamColumn
    job.team = team
    job.unticked = unticked
    job.skipInvalid = skipInvalid
    job.rejectsPath = rejects
    job.workspace = plugins.workspace
    job.note = Terminal.err
    let bar = ProgressBar(label: "importing")
    job.progress = bar.update
    do {
      let summary = try job.run()
      bar.finish()
      Terminal.out(summary)
    } catch {
      bar.finish()
      throw Terminal.fail(error)
    }
  }
}
