import ArgumentParser
import CultivarKit

/// `cultivar comments SURVEY (--responses FILE | --wave W)`
struct Comments: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show the comments (type = \"text\" items) per team, when enough people commented.",
    discussion: """
      A group's comments on an item are shown only when at least the comment threshold of its respondents \
      commented on it (default 10, never below the survey's min_group_size; --min-comments can only raise it), \
      decided by the same anonymity engine as every number. Comments come in a random order, with e-mail \
      addresses, phone numbers and the names of --names replaced by placeholders, and with theme counts when \
      a plugin declares themes.
      """)

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

  @Option(help: ArgumentHelp("The comment threshold: commenters a group needs for its comments to be shown (default 10; only higher values are accepted).", valueName: "n"))
  var minComments: Int?

  @Option(help: ArgumentHelp("A text file of names (one per line) to replace with [name] in every comment.", valueName: "file"))
  var names: String?

  @Option(help: ArgumentHelp("Seed of the random order (default: a new order every run).", valueName: "n"))
  var seed: UInt64?

  @Option(help: "Output format: table or json.")
  var format: String = "table"

  @Flag(help: "Leave rows with an invalid team or multi-select cell out (counted, never written anywhere).")
  var skipInvalid = false

  @OptionGroup var plugins: PluginOptions

  func validate() throws {
    if (responses == nil) == (wave == nil) { throw ValidationError("give either --responses FILE or --wave W") }
  }

  func run() throws {
    var job = CommentsJob(surveyPath: survey)
    job.responsesPath = responses
    job.wave = wave
    job.storePath = store.resolved
    job.cut = by
    job.organisationPath = org
    job.minComments = minComments
    job.namesPath = names
    job.seed = seed
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
