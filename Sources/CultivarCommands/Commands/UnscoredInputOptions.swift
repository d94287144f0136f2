import ArgumentParser
import CultivarKit

/// What `comments` and `selections` read and how they cut it: the survey, a response file or
/// a wave, the groups (`--by`, `--org`), and the plugins.
struct UnscoredInputOptions: ParsableArguments {
  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Option(help: ArgumentHelp("The response file (CSV with a header row).", valueName: "file"))
  var responses: String?

  @Option(help: ArgumentHelp("Read a wave of the response store instead of a file.", valueName: "wave"))
  var wave: String?

  @OptionGroup var store: StoreOptions

  @Option(
    help: ArgumentHelp(
      "Publish teams (default), the units at level N, every level, an attribute's values, or units crossed with them (as score --by).",
      valueName: "team|unit:N|unit|ATTRIBUTE|unit:N,ATTRIBUTE"))
  var by: String?

  @Option(help: ArgumentHelp("The organisation file whose units the team cells name (for a unit cut).", valueName: "file"))
  var org: String?

  @Flag(help: "Leave rows with an invalid team, attribute or multi-select cell out (counted, never written anywhere).")
  var skipInvalid = false

  @OptionGroup var plugins: PluginOptions

  func validate() throws {
    if (responses == nil) == (wave == nil) { throw ValidationError("give either --responses FILE or --wave W") }
  }

  /// The job's input, with the command's `--format` and `--lang`.
  func input(format: String, language: String?) -> UnscoredInput {
    var input = UnscoredInput(surveyPath: survey)
    input.responsesPath = responses
    input.wave = wave
    input.storePath = store.resolved
    input.cut = by
    input.organisationPath = org
    input.format = format
    input.skipInvalid = skipInvalid
    input.workspace = plugins.workspace
    input.note = Terminal.err
    input.language = language
    return input
  }
}
