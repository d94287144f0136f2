import PluginHost
import Scoring
import SurveyIO
import SurveyModel

/// Scores one survey's responses: the survey's plugins, the compiled plan, and one pass over a
/// response source folded into per-team results. Shared by every command that scores.
struct SurveyScoring {
  /// What one pass produced.
  struct Outcome {
    var frameworks: [FrameworkResult]
    var privacy: PrivacySummary
    var rowsRead: Int
    var rowsUsed: Int
    var rejects: RejectsWriter
    /// Log lines hooks wrote and that were not shown (see ``Plugin/withholdsHookLog``).
    var withheldHookLog = 0
    /// The groups of the cut, when the run cuts (see ``SurveyScoring/cuts``).
    var cutGroups: CutGroups?
    /// Every unit of every level and its groups, when asked for (see ``SurveyScoring/units``).
    var units: (frameworks: [FrameworkResult], groups: CutGroups)?

    /// The note about withheld hook log lines, if any.
    var withheldLogNote: String? {
      withheldHookLog == 0 ? nil : "note: plugin hooks wrote \(withheldHookLog) log line\(withheldHookLog == 1 ? "" : "s") while scoring; they are not shown, since hooks see individual answers (use `cultivar plugins run` on test data to see them)"
    }
  }

  let survey: SurveyDefinition
  let plugins: [Plugin]
  let plan: ScoringPlan
  /// The anonymity rules every result passes through (the survey's minimum group size).
  /// Publish groups of teams (e.g. the units of an organisation level) instead of the teams.
  var regroup: ((String) -> String)?
  /// Publish the groups of a cut (units, attributes, crossed), given the groups' keys read.
  var cuts: (([String]) -> CutGroups)?
  /// Also publish every unit of every level (`--by unit`), decided with the same universe as
  /// ``cuts`` (e.g. the parent units `compare --baseline parent` compares with).
  var units: (([String]) -> CutGroups)?
  var policy: PrivacyPolicy

  /// Resolves the survey's frameworks among the catalog's plugins.
  /// - Throws: ``InputProblems`` for unknown plugin ids or items.
  /// - Parameter withholdHookLog: count what hooks log instead of showing it (every run that
  ///   publishes results; `plugins test` shows it).
  init(survey: SurveyDefinition, catalog: PluginCatalog, withholdHookLog: Bool = true) throws {
    let frameworks = try FrameworkResolver.resolve(survey, catalog: catalog)
    // Comment and multi-select columns are read by `comments` and `selections`, never scored.
    self.survey = survey.ignoring(frameworks.flatMap { UnscoredItems.columns(of: $0.plugin.framework, subset: $0.items) })
    plugins = frameworks.map(\.plugin)
    for plugin in plugins { plugin.withholdsHookLog = withholdHookLog }
    plan = ScoringPlan(uses: frameworks.map { ($0.plugin.framework, $0.items) })
    policy = PrivacyPolicy(minGroupSize: survey.minGroupSize)
  }

  /// The item columns a response file must have, with their scales and choice options.
  var itemColumns: [ResponseFileReader.ItemColumn] {
    plan.frameworks.flatMap { f in f.items.map { ResponseFileReader.ItemColumn(id: $0.id, scale: f.framework.scale, options: $0.options) } }
  }

  /// Reads every row of `source` once and scores it.
  /// - Parameters:
  ///   - skipInvalid: leave invalid rows out instead of failing.
  ///   - observer: sees every scored respondent (e.g. a comparison's collector).
  /// - Throws: ``InputProblems`` listing invalid rows (unless `skipInvalid`), ``PluginError``.
  func score(_ source: ResponseSource, skipInvalid: Bool, observer: ScoredRowObserver? = nil) throws -> Outcome {
    let engine = makeEngine()
    engine.observer = observer
    var rejected: [(line: Int, problems: [RowProblem], fields: [String])] = []
    while let outcome = try source.next() {
      switch outcome {
      case .row(let row):
        do { try engine.add(row) } catch var error as PluginError {
          error.responsesFile = source.file
          throw error
        }
      case .rejected(let line, let problems, let fields): rejected.append((line, problems, fields))
      }
    }
    return try finish(engine, file: source.file, header: source.header, rowsRead: source.rowsRead, rejected: rejected, skipInvalid: skipInvalid)
  }

  /// Reads a response file in chunks on `workers` threads and scores it. The numbers are the
  /// same whatever the number of workers.
  func score(_ file: ChunkedResponseFile, workers: Int, skipInvalid: Bool) throws -> Outcome {
    let engine = makeEngine()
    var scorers: [BatchScorer] = []
    var copies: [Plugin] = []
    for _ in 0..<max(1, workers) {
      let hooks: [Plugin?] = try plugins.map { $0.framework.hooks.contains(.score) ? try $0.copy() : nil }
      copies += hooks.compactMap { $0 }
      scorers.append(BatchScorer(plan: plan, hooks: hooks.map { $0 as ScoringHooks? }))
    }
    let (rowsRead, rejected): (Int, [(line: Int, problems: [RowProblem], fields: [String])])
    do {
      (rowsRead, rejected) = try ParallelScoring(file: file, engine: engine, workers: scorers.count).run(scorers: scorers)
    } catch var error as PluginError {
      error.responsesFile = file.file
      throw error
    }
    var outcome = try finish(engine, file: file.file, header: file.header, rowsRead: rowsRead, rejected: rejected, skipInvalid: skipInvalid)
    outcome.withheldHookLog += copies.reduce(0) { $0 + $1.withheldLogLines }
    return outcome
  }

  private func makeEngine() -> ScoreEngine {
    ScoreEngine(plan: plan, hooks: plugins.map { $0.framework.hooks.isEmpty ? nil : $0 })
  }

  private func finish(
    _ engine: ScoreEngine, file: String, header: [String], rowsRead: Int,
    rejected: [(line: Int, problems: [RowProblem], fields: [String])], skipInvalid: Bool
  ) throws -> Outcome {
    var rejects = RejectsWriter(header: header)
    // A rejected row's comments stay out of the rejects file.
    let commentIDs = Set(plugins.flatMap { $0.framework.unscoredItems.filter { $0.kind == .text }.map(\.id) })
    let commentColumns = header.indices.filter { commentIDs.contains(header[$0]) }
    for row in rejected { rejects.add(line: row.line, problems: row.problems, fields: UnscoredItems.withholdingComments(row.fields, columns: commentColumns)) }
    let problemCount = rejected.reduce(0) { $0 + $1.problems.count }
    if !skipInvalid, problemCount > 0 {
      var problems = Array(rejected.lazy.flatMap(\.problems).prefix(20).map { $0.error(in: file) })
      problems[0].hint = "fix the rows, or run with --skip-invalid to leave them out and write them to a rejects file"
      throw InputProblems(problems, total: problemCount)
    }
    let cutGroups = cuts.map { $0(engine.groupKeys) }
    let (results, privacy) = try cutGroups.map { try engine.results(policy: policy, cuts: $0) }
      ?? engine.results(policy: policy, regroup: regroup)
    var outcome = Outcome(frameworks: results, privacy: privacy, rowsRead: rowsRead, rowsUsed: engine.respondentCount, rejects: rejects)
    outcome.cutGroups = cutGroups
    if let groups = units?(engine.groupKeys) { outcome.units = (try engine.results(policy: policy, cuts: groups).frameworks, groups) }
    outcome.withheldHookLog = plugins.reduce(0) { $0 + $1.withheldLogLines }
    return outcome
  }
}
