import ArgumentParser
import CultivarKit

/// `cultivar comments SURVEY (--responses FILE | --wave W)`
struct Comments: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "comments",
    abstract: "Show the comments (type = \"text\" items) per team, when enough people commented.",
    discussion: """
      A group's comments on an item are shown only when at least the comment threshold of its respondents \
      commented on it (default 10, never below the survey's min_group_size; --min-comments can only raise it), \
      decided by the same anonymity engine as every number. Comments come in a random order, with e-mail \
      addresses, phone numbers and the names of --names replaced by placeholders, and with theme counts when \
      a plugin declares themes.
      """)

  @OptionGroup var input: UnscoredInputOptions

  @OptionGroup var language: ReportLanguageOption

  @Option(
    help: ArgumentHelp(
      "The comment threshold: commenters a group needs for its comments to be shown (default 10; only higher values are accepted).", valueName: "n"))
  var minComments: Int?

  @Option(help: ArgumentHelp("A text file of names (one per line) to replace with [name] in every comment.", valueName: "file"))
  var names: String?

  @Option(help: ArgumentHelp("Seed of the random order (default: a new order every run).", valueName: "n"))
  var seed: UInt64?

  @Option(help: "Output format: table or json.")
  var format: String = "table"

  func run() throws {
    var job = CommentsJob(input: input.input(format: format, language: language.lang))
    job.minComments = minComments
    job.namesPath = names
    job.seed = seed
    do {
      Terminal.out(try job.run())
    } catch {
      throw Terminal.fail(error)
    }
  }
}
