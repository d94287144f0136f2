import ArgumentParser
import CultivarKit
import Foundation

/// `cultivar compare SURVEY --responses FILE` or `cultivar compare SURVEY --wave W`
struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare teams with the rest of the organisation or with a baseline team.",
    discussion: """
      Per team and dimension: n, mean, SD, 95% confidence interval, favourable/neutral/unfavourable %, \
      and the difference from the baseline with Welch's t-test (Holm-adjusted), Cohen's d and a verdict; \
      small teams get the minimum detectable difference instead. Also the reliability of each dimension \
      (Cronbach's alpha with Feldt's interval, item-rest correlations, alpha if deleted). Teams below the \
      survey's min_group_size never appear with scores, whatever --teams asks for.
      """)

  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Option(help: ArgumentHelp("The response file (CSV with a header row).", valueName: "file"))
  var responses: String?

  @Option(help: ArgumentHelp("Compare a wave of the response store instead of a file.", valueName: "wave"))
  var wave: String?

  @OptionGroup var store: StoreOptions

  @Option(help: ArgumentHelp("Show only these teams (comma-separated); anonymity is still decided over every team.", valueName: "a,b,..."))
  var teams: String?

  @Option(
    help: ArgumentHelp(
      "Compare with 'org' (the rest of the organisation), 'parent' (each unit's parent unit; with --by unit:N or unit) or with a team.",
      valueName: "org|parent|team"))
  var baseline: String = "org"

  @Option(help: ArgumentHelp("The organisation file (YAML or CSV) whose units the team cells name.", valueName: "file"))
  var org: String?

  @Option(
    help: ArgumentHelp(
      "Compare the groups of a cut, as `score --by` publishes them: unit:N, unit, an attribute, or unit:N,ATTRIBUTE.", valueName: "cut"))
  var by: String?

  @Flag(help: "With --by unit or unit:N: each unit's direct members only, not its whole line.")
  var direct = false

  @Option(help: "Output format: table, md, csv, json or html.")
  var format: String = "table"

  @Option(help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
  var out: String?

  @Option(help: ArgumentHelp("Missing answers in item statistics: pairwise or listwise (alpha is reported under both).", valueName: "rule"))
  var deletion: String = "pairwise"

  @OptionGroup var invalidRows: InvalidRowOptions

  @OptionGroup var plugins: PluginOptions

  @OptionGroup var language: ReportLanguageOption

  @Option(
    help: ArgumentHelp(
      "Also write the privacy audit (what is withheld, why, and what would show it) to this file; JSON when it ends in .json.", valueName: "file"))
  var privacyReport: String?

  func validate() throws {
    if (responses == nil) == (wave == nil) { throw ValidationError("give either --responses FILE or --wave W") }
    guard DeletionRule(rawValue: deletion) != nil else {
      throw ValidationError("unknown deletion rule '\(deletion)': use pairwise or listwise")
    }
  }

  func run() throws {
    let teamList = teams.map {
      $0.split(separator: ",", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    var job = CompareJob(
      surveyPath: survey, responsesPath: responses ?? "", teams: teamList, baseline: baseline, format: format, outputPath: out,
      deletion: DeletionRule(rawValue: deletion)!, skipInvalid: invalidRows.skipInvalid, rejectsPath: invalidRows.rejects,
      workspace: plugins.workspace,
      note: Terminal.err)
    job.wave = wave
    job.language = language.lang
    job.privacyReportPath = privacyReport
    job.organisationPath = org
    job.cut = by == "team" ? nil : by
    job.direct = direct
    job.storePath = store.resolved
    do {
      if let text = try job.run() { Terminal.out(text) }
    } catch {
      throw Terminal.fail(error)
    }
  }
}
