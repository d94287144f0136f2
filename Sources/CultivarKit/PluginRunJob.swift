import Foundation
import PluginHost
import Scoring
import SurveyIO
import SurveyModel

/// `cultivar plugins run FILE --responses CSV`: tries one plugin on the first rows of a
/// response file and shows, per respondent, the answers, the declarative scores and what the
/// `score` hook returned (with anything it logged), then per team the statistics and what
/// `index` and `band` gave. Hook errors are shown where they happen and the run carries on.
public struct PluginRunJob {
  /// The plugin file to try.
  public var pluginPath: String
  /// The response file (CSV with a header row).
  public var responsesPath: String
  /// Respondents to try (0 = every row).
  public var rows: Int
  /// A survey file whose `columns:` say how the response file is laid out (optional).
  public var surveyPath: String?
  public var workspace: Workspace

  public init(pluginPath: String, responsesPath: String, rows: Int = 5, surveyPath: String? = nil, workspace: Workspace = Workspace()) {
    self.pluginPath = pluginPath
    self.responsesPath = responsesPath
    self.rows = rows
    self.surveyPath = surveyPath
    self.workspace = workspace
  }

  /// The report, and whether every hook call succeeded.
  public struct Outcome {
    /// What to print.
    public var text: String
    /// Hook calls that failed (each is shown in ``text``).
    public var hooksFailed: Int
  }

  /// Runs the plugin on the rows. The rows go through the scoring pipeline twice, as `score`
  /// reads them: once tracing every respondent and what the `score` hook makes of it, then
  /// for the teams' results from the rows whose hook succeeded (with what it returned).
  /// - Throws: ``PluginError`` when the plugin does not load; ``InputError`` or
  ///   ``InputProblems`` when the responses cannot be read.
  public func run() throws -> Outcome {
    let plugin = try Plugin(path: pluginPath, displayPath: workspace.display(pluginPath), limits: workspace.limits)
    let log = LogBuffer()
    plugin.logSink = log.append
    let framework = plugin.framework
    let shown = workspace.display(responsesPath)
    let survey = try surveyLayout(for: framework).ignoring(UnscoredItems.columns(of: framework, subset: nil))
    func rows(leavingOut lines: Set<Int> = []) throws -> TryOutRows {
      let reader = try ResponseFileReader(
        path: responsesPath, displayName: shown, survey: survey, items: framework.items.map { .init(id: $0.id, scale: framework.scale) })
      return TryOutRows(reader, limit: self.rows, leavingOut: lines)
    }
    var text = RunTranscript(framework: framework)
    text.line(
      "Trying \(plugin.file) (\(framework.id) \(framework.version)) on \(shown), \(self.rows == 0 ? "every row" : "the first \(self.rows) row\(self.rows == 1 ? "" : "s")")"
    )
    // The checks of `plugins check` first: every hook on made-up data, so an edge the rows
    // below do not reach (a team of one, a dimension nobody answered) is shown too.
    let rehearsal = HookRehearsal.run(plugin)
    var failed = rehearsal.count
    if !framework.hooks.isEmpty {
      text.line(
        rehearsal.isEmpty
          ? "Checks: every hook ran on made-up data (as 'cultivar plugins check' does)."
          : "Checks: hooks failed on made-up data (as 'cultivar plugins check' runs them):")
      for error in rehearsal { text.failure("check", error) }
    }
    // First pass: every respondent, in file order, with what the `score` hook returned.
    let tracer = HookTracer(plugin: plugin, log: log)
    let tracing = HookTracer.plan(of: framework)
    let source = try rows()
    let (_, rejected) = try ScoreEngine(plan: tracing, hooks: [tracer]).score(
      ResponseBatches(source, slots: tracing.slots.count), scorers: [BatchScorer(plan: tracing, hooks: [tracer])])
    let rejectedAt = Dictionary(rejected.map { ($0.line, $0.problems) }, uniquingKeysWith: { a, _ in a })
    let hooks = TryOutHooks(plugin: plugin, log: log)
    var failedLines: Set<Int> = []
    for line in Set(tracer.respondents.keys).union(rejectedAt.keys).sorted() {
      if let problems = rejectedAt[line] {
        text.line("")
        text.line("row \(shown):\(line) is not valid and is left out:")
        for problem in problems { text.line("  \(problem.error(in: shown))") }
        continue
      }
      guard let respondent = tracer.respondents[line] else { continue }
      text.respondent(respondent.context, file: shown)
      switch respondent.result {
      case .success(let result)?:
        hooks.overrides[line] = result
        text.scoreHook(result)
      case .failure(var error)?:
        failed += 1
        failedLines.insert(line)
        error.responsesFile = shown
        text.failure("score hook", error)
      case nil: break
      }
      if respondent.result != nil { text.log(respondent.log) }
    }
    // Second pass: the teams, from the rows whose hook succeeded, through the same pipeline.
    let plan = ScoringPlan(uses: [(framework, nil)])
    let engine = ScoreEngine(plan: plan, hooks: [hooks])
    _ = try engine.score(
      ResponseBatches(try rows(leavingOut: failedLines), slots: plan.slots.count), scorers: [BatchScorer(plan: plan, hooks: [hooks])])
    let (results, _) = try engine.results(policy: .forPluginFixtures(minGroupSize: 1))
    text.line("")
    text.line("Teams, from these rows (min_group_size is not applied when trying a plugin):")
    for team in results[0].teams + [results[0].organisation] {
      failed += text.team(team, record: hooks.teams[team.team])
    }
    if !framework.hooks.isEmpty {
      text.line("")
      text.line(failed == 0 ? "Every hook call succeeded." : "\(failed) hook call\(failed == 1 ? "" : "s") failed (shown above).")
    }
    return Outcome(text: text.text, hooksFailed: failed)
  }

  /// The response-file layout: from `--survey`, or respondent_id and team with every column
  /// that is not an item ignored.
  private func surveyLayout(for framework: Framework) throws -> SurveyDefinition {
    var survey = SurveyDefinition(id: "try", title: framework.name, frameworks: [.init(id: framework.id)], minGroupSize: 1, file: "")
    if let surveyPath {
      let given = try SurveyLoader.load(path: surveyPath, displayName: workspace.display(surveyPath))
      survey.respondentColumn = given.respondentColumn
      survey.teamColumn = given.teamColumn
      survey.ignoredColumns = given.ignoredColumns
      survey.file = given.file
    }
    let items = Set(framework.items.map(\.id))
    // The header as the response reader will see it (same tokenizer); a file that cannot
    // be read is reported by the response reader itself.
    let reader = try? CSVReader(path: responsesPath)
    let columns = ((try? reader?.next()) == true ? reader?.strings ?? [] : []).map(\.trimmingSpaces)
    survey.ignoredColumns += columns.filter {
      !items.contains($0) && $0 != survey.respondentColumn && $0 != survey.teamColumn && !survey.ignoredColumns.contains($0)
    }
    return survey
  }
}
