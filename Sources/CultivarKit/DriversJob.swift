import Drivers
import Organisation
import Reports
import Scoring
import SurveyIO
import SurveyModel

/// `cultivar drivers`: reads a survey's responses once and estimates which dimensions (or
/// items) go with an outcome, for the organisation and, with `--by team`, per team.
public struct DriversJob {
  public var surveyPath: String
  /// The response file (unused when ``wave`` is set).
  public var responsesPath: String
  /// A wave of the store to analyse instead of the response file.
  public var wave: String?
  /// The resolved store path for ``wave``.
  public var storePath = Workspace.storePath(explicit: nil)
  /// An item id, a dimension id or `index`.
  public var outcome: String
  /// The framework of the outcome, when the survey scores several.
  public var framework: String?
  /// Items as drivers instead of dimensions.
  public var items = false
  /// Per team as well as for the organisation.
  public var byTeam = false
  /// Per group of a cut as well (``CutPlan``: `unit:N`, `unit`, an attribute, crossed), each
  /// group published as `score --by` the same cut publishes it.
  public var cut: String?
  /// The organisation file whose units the team cells name (nil: paths in the team column).
  public var organisationPath: String?
  public var method = DriverMethod()
  public var format = "table"
  public var outputPath: String?
  public var skipInvalid = false
  public var rejectsPath: String?
  public var workspace: Workspace
  /// The language of the plugins' texts in the report (`--lang`; nil: the survey's default).
  public var language: String?
  /// Receives the row summary (for standard error).
  public var note: (String) -> Void

  /// The output formats `run()` accepts.
  public static var formats: [String] { OutputFormats.drivers.names }

  public init(
    surveyPath: String, responsesPath: String, outcome: String, workspace: Workspace = Workspace(),
    note: @escaping (String) -> Void = { _ in }
  ) {
    self.surveyPath = surveyPath
    self.responsesPath = responsesPath
    self.outcome = outcome
    self.workspace = workspace
    self.note = note
  }

  /// Runs the job.
  /// - Returns: the rendered report when no output file was given, else nil.
  public func run() throws -> String? {
    let reporter = try OutputFormats.drivers.renderer(named: format)
    var scoring = try SurveyScoring.load(path: surveyPath, workspace: workspace, note: note, language: language)
    let (survey, language) = (scoring.survey, scoring.language)
    let spec = try DriverSpec(plan: scoring.plan, outcome: outcome, framework: framework, items: items)
    // A cut is made as `score --by` makes it: the same groups, decided by the same engine.
    let plan = try cut.map { cut in
      try CutPlan(
        cut, chart: organisationPath.map { try OrgChartLoader.load(path: $0, displayName: workspace.display($0)) }, attributes: survey.attributes)
    }
    scoring.cuts = plan?.groups(keys:)
    let reader = try scoring.responses(wave: wave, storePath: storePath, file: responsesPath, workspace: workspace, keyed: plan != nil)
    let collector = DriversCollector(spec: spec)
    let outcome = try scoring.score(reader, skipInvalid: skipInvalid, observer: collector)
    if let problems = plan?.unknownUnits(responses: reader.file) { throw problems }
    if let cutGroups = outcome.cutGroups {
      collector.regroup { key in
        let placed = cutGroups.place(key)
        return placed.groups.filter { cutGroups.groups[$0].published }.map { cutGroups.groups[$0].name }
          + (cutGroups.publishedTeam(placed.team) ? [placed.team] : [])
      }
    }
    let groups = DriverAnalysis.run(collector, results: outcome.frameworks[spec.framework], byGroup: byTeam || plan != nil, method: method)
    let rejectsFile = try RunSupport.writeRejects(
      outcome.rejects, explicitPath: rejectsPath, outputPath: outputPath, responsesPath: responsesPath, workspace: workspace)
    let input = InputSummary(
      file: reader.file, rowsRead: outcome.rowsRead, rowsUsed: outcome.rowsUsed, rowsRejected: outcome.rejects.count, rejectsFile: rejectsFile,
      wave: wave)
    note(RunSupport.summaryLine(input, language: language))
    let framework = scoring.plan.frameworks[spec.framework].framework
    let report = DriversReport(
      survey: SurveyInfo(id: survey.id, title: survey.title(in: language), language: language), input: input,
      framework: DimensionInfo(id: framework.id, name: framework.name),
      scale: framework.scale, outcome: spec.outcome, method: method, groups: groups, privacy: outcome.privacy)
    let text = reporter.render(report)
    guard let outputPath else { return text }
    try AtomicFile.write(text, to: outputPath)
    return nil
  }
}
