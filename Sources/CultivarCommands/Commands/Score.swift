import ArgumentParser
import CultivarKit

/// `cultivar score SURVEY --responses FILE` or `cultivar score SURVEY --wave W`
struct Score: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Score a survey's responses per team.",
    discussion:
      "Reads the responses once, folds them into per-team results and prints n, mean, SD and favourability per team and dimension, the culture index and its band. Teams below the survey's min_group_size show their n only."
  )

  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Option(help: ArgumentHelp("The response file (CSV with a header row).", valueName: "file"))
  var responses: String?

  @Option(help: ArgumentHelp("Score a wave of the response store instead of a file.", valueName: "wave"))
  var wave: String?

  @OptionGroup var store: StoreOptions

  @Option(help: "Output format: table, csv or json.")
  var format: String = "table"

  @Option(help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
  var out: String?

  @Option(
    help: ArgumentHelp(
      "Also write the privacy audit (what is withheld, why, and what would show it) to this file; JSON when it ends in .json.", valueName: "file"))
  var privacyReport: String?

  @Option(
    help: ArgumentHelp(
      "The organisation file (YAML or CSV) whose units the team cells name; gives --by unit:N its hierarchy and participation its headcounts.",
      valueName: "file"))
  var org: String?

  @Option(
    help: ArgumentHelp(
      "Publish a cut: team (default), unit:N (the units at level N, each pooling its whole line), unit (every level), an attribute declared in the survey (e.g. tenure), unit:N,ATTRIBUTE (crossed), or language (one group per language the responses were given in: stored by take and serve; in a file, the survey's columns.language column). Without --org, team cells are paths such as Engineering/Platform/Mobile.",
      valueName: "cut"))
  var by: String?

  @Flag(help: "With --by unit or unit:N: each unit's direct members only, not its whole line.")
  var direct = false

  @OptionGroup var language: ReportLanguageOption

  @Option(help: ArgumentHelp("The wave whose headcounts give participation (default: --wave).", valueName: "wave"))
  var headcountWave: String?

  @OptionGroup var invalidRows: InvalidRowOptions

  @Option(help: ArgumentHelp("Threads that read, score and write the report (default: one per core). Results do not depend on it.", valueName: "n"))
  var jobs: Int?

  @Option(help: .hidden)
  var chunkBytes: Int?

  @Flag(
    help:
      "Score again whenever the survey, the responses or a plugin file changes (Ctrl-C to stop). A plugin that stops loading keeps its last good version."
  )
  var watch = false

  @Option(help: .hidden)
  var watchIntervalMs = 250

  @OptionGroup var plugins: PluginOptions

  func validate() throws {
    if (responses == nil) == (wave == nil) { throw ValidationError("give either --responses FILE or --wave W") }
    if watch, wave != nil { throw ValidationError("--watch follows files; it cannot be used with --wave") }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if let chunkBytes, chunkBytes < 1024 { throw ValidationError("--chunk-bytes must be at least 1024") }
  }

  func run() throws {
    var job = ScoreJob(
      surveyPath: survey, responsesPath: responses ?? "", format: format, outputPath: out,
      skipInvalid: invalidRows.skipInvalid, rejectsPath: invalidRows.rejects, workspace: plugins.workspace, note: Terminal.err)
    job.wave = wave
    job.privacyReportPath = privacyReport
    job.organisationPath = org
    job.cut = by == "team" ? nil : by
    job.direct = direct
    job.headcountWave = headcountWave
    job.language = language.lang
    job.storePath = store.resolved
    if let jobs { job.jobs = jobs }
    if let chunkBytes { job.chunkBytes = chunkBytes }
    if watch {
      ScoreWatcher(job: job, interval: .milliseconds(watchIntervalMs), output: Terminal.out).run()
      return
    }
    do {
      if let text = try job.run() { Terminal.out(text) }
    } catch {
      throw Terminal.fail(error)
    }
  }
}
