import Comparison
import Organisation
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
  /// `org`, `parent` (with a unit cut) or a team (or published group) name.
  public var baseline: String
  /// The organisation file whose units the team cells name (nil: paths in the team column).
  public var organisationPath: String?
  /// `--by`: compare the groups of a cut (see ``CutPlan``) instead of the teams.
  public var cut: String?
  /// With a unit cut: each unit's direct members only (`--direct`).
  public var direct = false
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
  public static var formats: [String] { OutputFormats.comparison.names }

  public init(
    surveyPath: String, responsesPath: String, teams: [String]? = nil, baseline: String = "org", format: String = "table",
    outputPath: String? = nil, deletion: DeletionRule = .pairwise, skipInvalid: Bool = false, rejectsPath: String? = nil,
    workspace: Workspace = Workspace(), note: @escaping (String) -> Void = { _ in }
  ) {
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
    let reporter = try OutputFormats.comparison.renderer(named: format)
    var scoring = try SurveyScoring.load(path: surveyPath, workspace: workspace, note: note, language: language)
    let (survey, language) = (scoring.survey, scoring.language)
    let plan = try cutPlan(survey)
    if let plan {
      scoring.cuts = plan.groups(keys:)
      if baseline.lowercased() == "parent" { scoring.units = try CutPlan("unit", chart: plan.chart, attributes: survey.attributes).groups(keys:) }
    } else if baseline.lowercased() == "parent" {
      throw UsageError(message: "--baseline parent compares units with their parent units", hint: "add --org ORG.yaml --by unit:N (or --by unit)")
    }
    let reader = try scoring.responses(wave: wave, storePath: storePath, file: responsesPath, workspace: workspace, keyed: plan != nil)
    let observed = ComparisonCollector(plan: scoring.plan)
    let outcome = try scoring.score(reader, skipInvalid: skipInvalid, observer: observed)
    if let problems = plan?.unknownUnits(responses: reader.file) { throw problems }
    // A cut's groups pool their atoms' moments, as the engine pools their totals.
    let collector = outcome.cutGroups.map { observed.grouped(by: $0) } ?? observed
    let parents = outcome.units.map { units in
      ParentBaselines(
        parentOf: outcome.cutGroups?.parents(keys: observed.keys) ?? [:], units: units.frameworks, collector: observed.grouped(by: units.groups),
        policy: scoring.policy)
    }
    let known = Array(Set(outcome.frameworks.flatMap { $0.teams.map(\.team) }))
    let selection = try TeamSelection(teams: teams, baseline: baseline, known: known, privacy: outcome.privacy)
    let builder = ComparisonBuilder(plan: scoring.plan, collector: collector, deletion: deletion)
    let (frameworks, method) = builder.build(results: outcome.frameworks, selection: selection, parents: parents)
    let rejectsFile = try RunSupport.writeRejects(
      outcome.rejects, explicitPath: rejectsPath, outputPath: outputPath, responsesPath: responsesPath, workspace: workspace)
    let input = InputSummary(
      file: reader.file, rowsRead: outcome.rowsRead, rowsUsed: outcome.rowsUsed, rowsRejected: outcome.rejects.count, rejectsFile: rejectsFile,
      wave: wave)
    note(RunSupport.summaryLine(input, language: language))
    if let withheld = outcome.withheldLogNote { note(withheld) }
    var privacy = outcome.privacy
    if let parents { privacy.audit += parents.audit(results: outcome.frameworks) }
    var report = ComparisonReport(
      survey: SurveyInfo(id: survey.id, title: survey.title(in: language), language: language), input: input, baseline: selection.baseline,
      method: method, frameworks: frameworks, privacy: privacy, selectedTeams: selection.requested)
    if let cut { report.cut = cut }
    try RunSupport.writePrivacyReport([(nil, report.privacy)], to: privacyReportPath, language: language)
    guard let outputPath else { return reporter.render(report) }
    try AtomicFile.stream(to: outputPath) { write in
      let sink = ReportSink(writesInBackground: true, flush: write)
      try reporter.write(report, to: sink)
      try sink.finish()
    }
    return nil
  }
}

extension CompareJob {
  /// The cut `--by` asks for (nil: the teams).
  /// - Throws: ``UsageError`` for a `--by` that cannot be used, or `--baseline parent` with a
  ///   cut whose groups are not units.
  func cutPlan(_ survey: SurveyDefinition) throws -> CutPlan? {
    if direct, cut == nil || cut == "team" {
      throw UsageError(message: "--direct needs a unit cut", hint: "use --by unit:N --direct (or --by unit --direct) for each unit's direct members")
    }
    guard let cut, cut != "team" else { return nil }
    let chart = try organisationPath.map { try OrgChartLoader.load(path: $0, displayName: workspace.display($0)) }
    let plan = try CutPlan(cut, chart: chart, attributes: survey.attributes, direct: direct)
    if baseline.lowercased() == "parent", !plan.cutsUnits || plan.attribute != nil || direct {
      throw UsageError(
        message: "--baseline parent with --by \(cut)\(direct ? " --direct" : ""): only whole units have a parent unit",
        hint: "use --by unit:N or --by unit with --baseline parent")
    }
    return plan
  }
}

/// How missing answers are handled in item statistics (re-exported for the command line).
public typealias DeletionRule = Statistics.DeletionRule
