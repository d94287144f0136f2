import ArgumentParser
import CultivarKit

/// `cultivar trend SURVEY --waves W1,W2,...`
struct Trend: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trend",
    abstract: "Show each team's index and dimension scores over waves of the store.",
    discussion:
      "Each wave is scored on its own (the anonymity threshold applies per wave), teams renamed, merged or split are followed through the survey's team_mapping, and the change between consecutive waves is shown."
  )

  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Option(help: ArgumentHelp("The waves, oldest first, separated by commas.", valueName: "w1,w2,..."))
  var waves: String

  @Option(help: "Output format: table, csv or json.")
  var format: String = "table"

  @Option(help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
  var out: String?

  @OptionGroup var language: ReportLanguageOption

  @Option(
    help: ArgumentHelp(
      "The organisation file (YAML or CSV) whose units the team cells name (as the team mapping names them now).", valueName: "file"))
  var org: String?

  @Option(
    help: ArgumentHelp(
      "Follow a cut instead of the teams: unit:N (the units at level N, each pooling its whole line) or unit (every level). Each wave is decided with the whole universe of cuts, against what score and trend of that wave publish.",
      valueName: "cut"))
  var by: String?

  @Option(help: ArgumentHelp("Threads that read and score each wave (default: one per core). Results do not depend on it.", valueName: "n"))
  var jobs: Int?

  @OptionGroup var store: StoreOptions
  @OptionGroup var plugins: PluginOptions

  @Option(
    help: ArgumentHelp(
      "Also write the privacy audit (what is withheld, why, and what would show it) to this file; JSON when it ends in .json.", valueName: "file"))
  var privacyReport: String?

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  func run() throws {
    var job = TrendJob(
      surveyPath: survey, waves: waves.split(separator: ",", omittingEmptySubsequences: false).map(String.init), storePath: store.resolved)
    job.format = format
    job.privacyReportPath = privacyReport
    job.outputPath = out
    job.workspace = plugins.workspace
    job.language = language.lang
    job.note = Terminal.err
    job.organisationPath = org
    job.cut = by
    if let jobs { job.jobs = jobs }
    do {
      if let text = try job.run() { Terminal.out(text) }
    } catch {
      throw Terminal.fail(error)
    }
  }
}
