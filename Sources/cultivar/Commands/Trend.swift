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

  @Option(
    help: ArgumentHelp(
      "The language of the plugins' texts and the survey title in the report: one of the survey's languages (default: its default language).",
      valueName: "lang"))
  var lang: String?

  @OptionGroup var store: StoreOptions
  @OptionGroup var plugins: PluginOptions

  @Option(
    help: ArgumentHelp(
      "Also write the privacy audit (what is withheld, why, and what would show it) to this file; JSON when it ends in .json.", valueName: "file"))
  var privacyReport: String?

  func run() throws {
    var job = TrendJob(
      surveyPath: survey, waves: waves.split(separator: ",", omittingEmptySubsequences: false).map(String.init), storePath: store.resolved)
    job.format = format
    job.privacyReportPath = privacyReport
    job.outputPath = out
    job.workspace = plugins.workspace
    job.language = lang
    job.note = Terminal.err
    do {
      if let text = try job.run() { Terminal.out(text) }
    } catch {
      throw Terminal.fail(error)
    }
  }
}
