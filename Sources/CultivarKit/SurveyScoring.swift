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
  }

  let survey: SurveyDefinition
  let plugins: [Plugin]
  let plan: ScoringPlan

  /// Resolves the survey's frameworks among the catalog's plugins.
  /// - Throws: ``InputProblems`` for unknown plugin ids or items.
  init(survey: SurveyDefinition, catalog: PluginCatalog) throws {
    let frameworks = try FrameworkResolver.resolve(survey, catalog: catalog)
    self.survey = survey
    plugins = frameworks.map(\.plugin)
    plan = ScoringPlan(uses: frameworks.map { ($0.plugin.framework, $0.items) })
  }

  /// The item columns a response file must have, with their scales.
  var itemColumns: [ResponseFileReader.ItemColumn] {
    plan.frameworks.flatMap { f in f.items.map { ResponseFileReader.ItemColumn(id: $0.id, scale: f.framework.scale) } }
  }

  /// Reads every row of `source` once and scores it.
  /// - Parameter skipInvalid: leave invalid rows out instead of failing.
  /// - Throws: ``InputProblems`` listing invalid rows (unless `skipInvalid`), ``PluginError``.
  func score(_ source: ResponseSource, skipInvalid: Bool) throws -> Outcome {
    let engine = ScoreEngine(plan: plan, hooks: plugins.map { $0.framework.hooks.isEmpty ? nil : $0 })
    var rejects = RejectsWriter(header: source.header)
    var problems: [InputError] = []
    var problemCount = 0
    while let outcome = try source.next() {
      switch outcome {
      case .row(let row):
        do { try engine.add(row) } catch var error as PluginError {
          error.responsesFile = source.file
          throw error
        }
      case .rejected(let line, let rowProblems, let fields):
        rejects.add(line: line, problems: rowProblems, fields: fields)
        problemCount += rowProblems.count
        if problems.count < 20 { problems += rowProblems.prefix(20 - problems.count).map { $0.error(in: source.file) } }
      }
    }
    if !skipInvalid, problemCount > 0 {
      problems[0].hint = "fix the rows, or run with --skip-invalid to leave them out and write them to a rejects file"
      throw InputProblems(problems, total: problemCount)
    }
    let (results, privacy) = try engine.results(minGroupSize: survey.minGroupSize)
    return Outcome(frameworks: results, privacy: privacy, rowsRead: source.rowsRead, rowsUsed: engine.respondentCount, rejects: rejects)
  }
}
