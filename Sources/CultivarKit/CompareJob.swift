import Comparison
import Reports
import Scoring
import Statistics
import SurveyIO
import SurveyModel

/// `cultivar compare`: reads a survey's responses once and compares each team with a baseline
/// (the rest of the organisation or a team), with reliability and anonymity over the whole run.
public struct CompareJob {
  public var surveyPath: String
  public var responsesPath: String
  /// The teams to show (nil = every team).
  public var teams: [String]?
  /// `org` or a team name.
  public var baseline: String
  public var format: String
  /// Where to write the report (nil = return it for standard output).
  public var outputPath: String?
  public var deletion: DeletionRule
  public var skipInvalid: Bool
  public var rejectsPath: String?
  public var workspace: Workspace
  /// Receives warnings and the row summary (for standard error).
  public var note: (String) -> Void

  /// The output formats `run()` accepts.
  public static var formats: [String] { builtInComparisonReporters.map { type(of: $0).identifier } }

  public init(surveyPath: String, responsesPath: String, teams: [String]? = nil, baseline: String = "org", format: String = "table",
              outputPath: String? = nil, deletion: DeletionRule = .pairwise, skipInvalid: Bool = false, rejectsPath: String? = nil,
              workspace: Workspace = Workspace(), note: @escaping (String) -> Void = { _ in }) {
    self.surveyPath = surveyPath
    self.responsesPath = responsesPath
    self.teams = teams
    self.baseline = baseline
    self.format = format
    self.outputPath = outputPath
    self.deletion = deletion
    self.skipInvalid = skipInvalid
    self.rejectsPath = rejectsPath
    self.workspace = workspace
    self.note = note
  }

  /// Runs the job.
  /// - Returns: the rendered report when no output file was given, else nil.
  /// - Throws: ``InputError``, ``InputProblems``, ``PluginError`` or ``ComparisonError``;
  ///   nothing is written then.
  public func run() throws -> String? {
    guard let reporter = makeComparisonReporter(format: format) else {
      throw UsageError(message: "unknown format '\(format)'", hint: "use one of: \(Self.formats.joined(separator: ", "))")
    }
    let run = try SurveyRun(surveyPath: surveyPath, responsesPath: responsesPath, workspace: workspace, note: note)
    let collector = ComparisonCollector(plan: run.plan)
    run.engine.observer = collector
    try run.readAll(skipInvalid: skipInvalid)
    let (results, privacy) = try run.engine.results(minGroupSize: run.survey.minGroupSize)
    let known = Array(Set(results.flatMap { $0.teams.map(\.team) }))
    let selection = try TeamSelection(teams: teams, baseline: baseline, known: known, privacy: privacy)
    let builder = ComparisonBuilder(plan: run.plan, collector: collector, deletion: deletion)
    let (frameworks, method) = builder.build(results: results, selection: selection)
    let input = try run.finish(rejectsPath: rejectsPath ?? SurveyRun.defaultRejectsPath(beside: outputPath ?? responsesPath))
    note(SurveyRun.summaryLine(input))
    let report = ComparisonReport(
      survey: SurveyInfo(id: run.survey.id, title: run.survey.title), input: input, baseline: selection.baseline,
      method: method, frameworks: frameworks, privacy: privacy, selectedTeams: selection.requested)
    let text = reporter.render(report)
    guard let outputPath else { return text }
    try AtomicFile.write(text, to: outputPath)
    return nil
  }
}

/// How missing answers are handled in item statistics (re-exported for the command line).
public typealias DeletionRule = Statistics.DeletionRule

/// A command used in a way it cannot run (exit status 64).
public struct UsageError: Error, Equatable, CustomStringConvertible {
  public var message: String
  public var hint: String?
  public init(message: String, hint: String? = nil) {
    self.message = message
    self.hint = hint
  }
  public var description: String { "error: \(message)" + (hint.map { "\n  hint: \($0)" } ?? "") }
}
