import ArgumentParser

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

  @Option(help: ArgumentHelp("Publish teams (default) or the organisation's units at level N.", valueName: "team|unit:N"))
  var by: String?

  @Option(help: ArgumentHelp("The organisation file whose units the team cells name (for --by unit:N).", valueName: "file"))
  var org: String?

  @Flag(help: "Leave rows with an invalid team or multi-select cell out (counted, never written anywhere).")
  var skipInvalid = false

  @OptionGroup var plugins: PluginOptions

  func validate() throws {
    if (responses == nil) == (wave == nil) { throw ValidationError("give either --responses FILE or --wave W") }
  }
}
