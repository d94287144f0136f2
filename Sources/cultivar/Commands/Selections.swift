import ArgumentParser
import CultivarKit

/// `cultivar selections SURVEY (--responses FILE | --wave W)`
struct Selections: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show the share choosing each option of the multi-select (type = \"multi\") items, per team.",
    discussion: "Per group: n (respondents who answered the item), the percentage of them choosing each option and the mean number of options chosen, shown as the anonymity engine decides (the survey's min_group_size).")

  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Option(help: ArgumentHelp("The response file (CSV with a header row).", valueName: "file"))
  var responses: String?

  @Option(help: ArgumentHelp("Read a wave of the response store instead of a file.", valueName: "wave"))
  var wave: String?

  @OptionGroup var store: StoreOptions

  @Option(help: ArgumentHelp("Publish teams (default) or the organisation's units at level N.", valueName: "team|unit:N"))
  var by: String?

  @Option(help: ArgumentHelp("The organisation file whose units the team cells name (for --by unit:N).", valueName: "file"))
  var org: String?

  @Option(help: "Output format: table, csv or json.")
  var format: String = "table"

  @Flag(help: "Leave rows with an invalid team or multi-select cell out (counted, never written anywhere).")
  var skipInvalid = false

  @OptionGroup var plugins: PluginOptions

  func validate() throws {
    if (responses == nil) == (wave == nil) { throw ValidationError("give either --responses FILE or --wave W") }
  }

  func run() throws {
    var job = SelectionsJob(surveyPath: survey)
    job.responsesPath = responses
    job.wave = wave
    job.storePath = store.resolved
    job.cut = by
    job.organisationPath = org
    job.format = format
    job.skipInvalid = skipInvalid
    job.workspace = plugins.workspace
    job.note = Terminal.err
    do {
      Terminal.out(try job.run())
    } catch {
      throw Terminal.fail(error)
    }
  }
}
