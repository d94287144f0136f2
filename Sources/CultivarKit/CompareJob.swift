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
  /// The response file (unused when ``wave`` is set).
  public var responsesPath: String
  /// A wave of the store to compare instead of the response file.
  public var wave: String?
  /// The resolved store path for ``wave`` (see ``Workspace/storePath(explicit:)``).
  public var storePath = Workspace.storePath(explicit: nil)
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
  /// Where to write the privacy audit alone (JSON when the name ends in `.json`), if anywhere.
  public var privacyReportPath: String?
  public var workspace: Workspace
  /// The language of the plugins' texts in the report (`--lang`; nil: the survey's default).
  public var language: String?
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
      throw UsageError.unknownFormat(format, among: Self.formats)
    }
    let survey = try SurveyLoader.load(path: surveyPath, displayName: workspace.display(surveyPath))
    let catalog = workspace.catalog(surveyFile: surveyPath, only: Set(survey.frameworks.map(\.id)))
    let language = try SurveyLanguages.choose(self.language, survey: survey)
    let scoring = try SurveyScoring(survey: survey, catalog: catalog, language: language)
    RunSupport.reportUnusedFailures(catalog, used: Set(survey.frameworks.map(\.id)), note: note)
    let reader: ResponseSource = try wave.map {
      try StoreInput.open(wave: $0, storePath: storePath, surveyID: survey.id, itemIDs: scoring.plan.slots, workspace: workspace)
    } ?? ResponseFileReader(path: responsesPath, displayName: workspace.display(responsesPath), survey: scoring.survey, items: scoring.itemColumns)
    let collector = ComparisonCollector(plan: scoring.plan)
    let outcome = try scoring.score(reader, skipInvalid: skipInvalid, observer: collector)
    let known = Array(Set(outcome.frameworks.flatMap { $0.teams.map(\.team) }))
    let selection = try TeamSelection(teams: teams, baseline: baseline, known: known, privacy: outcome.privacy)
    let builder = ComparisonBuilder(plan: scoring.plan, collector: collector, deletion: deletion)
    let (frameworks, method) = builder.build(results: outcome.frameworks, selection: selection)
    let rejectsFile = try RunSupport.writeRejects(outcome.rejects, explicitPath: rejectsPath, outputPath: outputPath, responsesPath: responsesPath, workspace: workspace)
    let input = InputSummary(file: reader.file, rowsRead: outcome.rowsRead, rowsUsed: outcome.rowsUsed, rowsRejected: outcome.rejects.count, rejectsFile: rejectsFile)
    note(RunSupport.summaryLine(input))
    if let withheld = outcome.withheldLogNote { note(withheld) }
    let report = ComparisonReport(
      survey: SurveyInfo(id: survey.id, title: survey.title(in: language)), input: input, baseline: selection.baseline,
      method: method, frameworks: frameworks, privacy: outcome.privacy, selectedTeams: selection.requested)
    let text = reporter.render(report)
    try RunSupport.writePrivacyReport([(nil, report.privacy)], to: privacyReportPath)
    guard let outputPath else { return text }
    try AtomicFile.write(text, to: outputPath)
    return nil
  }
}

/// How missing answers are handled in item statistics (re-exported for the command line).
public typealias DeletionRule = Statistics.DeletionRule
