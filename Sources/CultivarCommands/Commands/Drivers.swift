import ArgumentParser
import CultivarKit
import Foundation
import SurveyModel

/// `cultivar drivers SURVEY --responses FILE --outcome ID` (or `--wave W`)
struct Drivers: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drivers",
    abstract: "Find what drives an outcome: correlations, relative weights and a priority matrix.",
    discussion: """
      The outcome is an item, a dimension or 'index' (each respondent's own index). For each \
      candidate driver (the framework's other dimensions, or its items with --items): Pearson's r \
      with a 95% interval and a Holm-adjusted p, Johnson's relative weight as a share of R² with a \
      bootstrap interval (fixed seed), and a priority quadrant (act first, protect, monitor, \
      maintain). With --by team (or a cut: --by unit:N, an attribute, unit:N,ATTRIBUTE, with --org \
      for units), each group score --by publishes gets its drivers; groups with fewer than --min-n \
      complete respondents show the organisation's drivers, labelled as such; withheld groups show nothing.
      """)

  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Option(help: ArgumentHelp("The response file (CSV with a header row).", valueName: "file"))
  var responses: String?

  @Option(help: ArgumentHelp("Analyse a wave of the response store instead of a file.", valueName: "wave"))
  var wave: String?

  @OptionGroup var store: StoreOptions

  @Option(help: ArgumentHelp("The outcome: an item id, a dimension id, or 'index'.", valueName: "id"))
  var outcome: String

  @Option(help: ArgumentHelp("The outcome's framework, when the survey scores several.", valueName: "id"))
  var framework: String?

  @Flag(help: "Use the items as drivers instead of the dimensions.")
  var items = false

  @Option(
    help: ArgumentHelp(
      "Also per group: 'team', 'unit:N', 'unit', an attribute, or a unit level crossed with an attribute ('unit:1,tenure'); groups as score --by publishes them.",
      valueName: "cut"))
  var by: String?

  @Option(
    help: ArgumentHelp("The organisation file whose units the team cells name (for --by unit:N).", valueName: "file"))
  var org: String?

  @Option(help: ArgumentHelp("Complete respondents a group needs for its own drivers.", valueName: "n"))
  var minN: Int = 30

  @Option(help: ArgumentHelp("Bootstrap resamples for the weights' intervals (0 = none).", valueName: "n"))
  var bootstrap: Int = 1000

  @Option(help: ArgumentHelp("Seed of the bootstrap's resampling.", valueName: "n"))
  var seed: UInt64 = 1

  @Option(help: "Output format: table, csv, json or html.")
  var format: String = "table"

  @Option(help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
  var out: String?

  @OptionGroup var invalidRows: InvalidRowOptions

  @OptionGroup var language: ReportLanguageOption

  @OptionGroup var plugins: PluginOptions

  func validate() throws {
    if (responses == nil) == (wave == nil) { throw ValidationError("give either --responses FILE or --wave W") }
    guard (2...1_000_000).contains(minN) else { throw ValidationError("--min-n must be between 2 and 1000000") }
    guard (0...100_000).contains(bootstrap) else { throw ValidationError("--bootstrap must be between 0 and 100000") }
  }

  func run() throws {
    var job = DriversJob(surveyPath: survey, responsesPath: responses ?? "", outcome: outcome, workspace: plugins.workspace, note: Terminal.err)
    job.wave = wave
    job.language = language.lang
    job.storePath = store.resolved
    job.framework = framework
    job.items = items
    job.byTeam = by == "team"
    if let by, by != "team" { job.cut = by }
    job.organisationPath = org
    job.method = DriverMethod(minimumN: minN, bootstrapSamples: bootstrap, seed: seed)
    job.format = format
    job.outputPath = out
    job.skipInvalid = invalidRows.skipInvalid
    job.rejectsPath = invalidRows.rejects
    do {
      if let text = try job.run() { Terminal.out(text) }
    } catch {
      throw Terminal.fail(error)
    }
  }
}
