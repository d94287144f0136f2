import ArgumentParser
import CultivarKit

/// `cultivar report SURVEY (--responses FILE | --wave W) --per-unit DIR`
struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a report for every leader: one HTML page per unit of the organisation, and an index page.",
    discussion:
      "Each page holds its unit's index and dimensions with bands and advice, against its parent unit (without the unit) and the organisation, its child units, its demographics (the unit crossed with each attribute value), participation, the trend over earlier waves of the store, and what the anonymity engine withheld. Every number comes from one decision of the engine over every unit and cut of the run; a unit it withholds gets no page. The folder is written as a whole (an earlier pack in it is replaced)."
  )

  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Option(help: ArgumentHelp("The response file (CSV with a header row).", valueName: "file"))
  var responses: String?

  @Option(help: ArgumentHelp("Report a wave of the response store instead of a file.", valueName: "wave"))
  var wave: String?

  @Option(help: ArgumentHelp("The folder to write the pages to (created; an earlier pack there is replaced).", valueName: "dir"))
  var perUnit: String

  @Option(help: ArgumentHelp("Pages only for the units of this level (1 = the top units; default: every level).", valueName: "n"))
  var level: Int?

  @Option(
    help: ArgumentHelp(
      "The organisation file (YAML or CSV) whose units the team cells name; without it, team cells are paths such as Engineering/Platform/Mobile.",
      valueName: "file"))
  var org: String?

  @Option(
    help: ArgumentHelp(
      "Earlier waves of the store for the trend, oldest first, separated by commas (default with --wave: every wave of the store before it).",
      valueName: "w1,w2,..."))
  var earlierWaves: String?

  @Option(help: ArgumentHelp("The wave whose headcounts give participation (default: --wave).", valueName: "wave"))
  var headcountWave: String?

  @OptionGroup var language: ReportLanguageOption

  @Flag(help: "Leave invalid rows out and write them, with reasons, to a rejects file.")
  var skipInvalid = false

  @Option(help: ArgumentHelp("Where --skip-invalid writes rejected rows (default: beside the responses, NAME.rejects.csv).", valueName: "file"))
  var rejects: String?

  @Option(
    help: ArgumentHelp(
      "Also write the privacy audit (what is withheld, why, and what would show it) to this file; JSON when it ends in .json.", valueName: "file"))
  var privacyReport: String?

  @OptionGroup var store: StoreOptions
  @OptionGroup var plugins: PluginOptions

  func validate() throws {
    if (responses == nil) == (wave == nil) { throw ValidationError("give either --responses FILE or --wave W") }
    if let level, level < 1 { throw ValidationError("--level must be at least 1 (1 = the top units)") }
  }

  func run() throws {
    var job = ReportJob(surveyPath: survey, responsesPath: responses ?? "", directory: perUnit)
    job.wave = wave
    job.storePath = store.resolved
    job.organisationPath = org
    job.level = level
    job.earlierWaves = earlierWaves.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    job.headcountWave = headcountWave
    job.language = language.lang
    job.skipInvalid = skipInvalid
    job.rejectsPath = rejects
    job.privacyReportPath = privacyReport
    job.workspace = plugins.workspace
    job.note = Terminal.err
    do {
      Terminal.err(try job.run())
    } catch {
      throw Terminal.fail(error)
    }
  }
}
