import Foundation
import PluginHost
import Scoring
import SurveyIO
import SurveyModel

/// The wiring every command that scores responses shares: loads the survey, resolves its
/// plugins, compiles the plan, opens the responses and folds them, row by row, into the engine.
final class SurveyRun {
  let survey: SurveyDefinition
  let plan: ScoringPlan
  let engine: ScoreEngine
  let reader: ResponseSource
  private let workspace: Workspace
  private var rejects: RejectsWriter

  /// Loads everything and checks the response header; reads no row yet.
  /// - Parameter note: receives warnings about plugins that failed to load.
  /// - Throws: ``InputError``, ``InputProblems`` or ``PluginError``.
  init(surveyPath: String, responsesPath: String, workspace: Workspace, note: (String) -> Void) throws {
    self.workspace = workspace
    survey = try SurveyLoader.load(path: surveyPath, displayName: workspace.display(surveyPath))
    let catalog = workspace.catalog(surveyFile: surveyPath)
    let frameworks = try FrameworkResolver.resolve(survey, catalog: catalog)
    Self.reportUnusedFailures(catalog, used: Set(survey.frameworks.map(\.id)), note: note)
    plan = ScoringPlan(uses: frameworks.map { ($0.plugin.framework, $0.items) })
    engine = ScoreEngine(plan: plan, hooks: frameworks.map { $0.plugin.framework.hooks.isEmpty ? nil : $0.plugin })
    let scales = Dictionary(plan.frameworks.flatMap { f in f.items.map { ($0.id, f.framework.scale) } }, uniquingKeysWith: { a, _ in a })
    let fileReader = try ResponseFileReader(
      path: responsesPath, displayName: workspace.display(responsesPath), survey: survey,
      items: plan.slots.map { .init(id: $0, scale: scales[$0]!) })
    reader = fileReader
    rejects = RejectsWriter(header: fileReader.header)
  }

  /// Folds every row into the engine.
  /// - Parameter skipInvalid: keep invalid rows aside instead of failing.
  /// - Throws: ``InputProblems`` (up to 20 problems and the total) when rows are invalid and
  ///   `skipInvalid` is false; ``PluginError`` from a `score` hook.
  func readAll(skipInvalid: Bool) throws {
    var problems: [InputError] = []
    var problemCount = 0
    while let outcome = try reader.next() {
      switch outcome {
      case .row(let row):
        do { try engine.add(row) } catch var error as PluginError {
          error.responsesFile = reader.file
          throw error
        }
      case .rejected(let line, let rowProblems, let fields):
        rejects.add(line: line, problems: rowProblems, fields: fields)
        problemCount += rowProblems.count
        if problems.count < 20 { problems += rowProblems.prefix(20 - problems.count).map { $0.error(in: reader.file) } }
      }
    }
    if !skipInvalid, problemCount > 0 {
      var all = problems
      all[0].hint = "fix the rows, or run with --skip-invalid to leave them out and write them to a rejects file"
      throw InputProblems(all, total: problemCount)
    }
  }

  /// Writes the rejected rows, if any, and accounts for every row read.
  /// - Parameter rejectsPath: where rejected rows go.
  /// - Throws: ``InputError`` when the rejects file cannot be written.
  func finish(rejectsPath: String) throws -> InputSummary {
    var rejectsFile: String? = nil
    if rejects.count > 0 {
      rejectsFile = workspace.display(rejectsPath)
      try rejects.write(to: rejectsPath)
    }
    return InputSummary(file: reader.file, rowsRead: reader.rowsRead, rowsUsed: engine.respondentCount, rowsRejected: rejects.count, rejectsFile: rejectsFile)
  }

  /// The row summary line for standard error.
  static func summaryLine(_ input: InputSummary) -> String {
    "\(input.file): \(input.rowsRead) rows read, \(input.rowsUsed) used, \(input.rowsRejected) rejected" + (input.rejectsFile.map { " (written to \($0))" } ?? "")
  }

  /// `NAME.rejects.csv` beside `base` (the output file, or else the responses).
  static func defaultRejectsPath(beside base: String) -> String {
    URL(fileURLWithPath: base).deletingPathExtension().path + ".rejects.csv"
  }

  private static func reportUnusedFailures(_ catalog: PluginCatalog, used: Set<String>, note: (String) -> Void) {
    for message in catalog.notes { note("warning: \(message)") }
    for failure in catalog.failures where !(failure.pluginID.map(used.contains) ?? false) {
      note("warning: \(failure.file) was not loaded (not needed for this survey): \(failure.problems.first ?? "")")
    }
  }
}
