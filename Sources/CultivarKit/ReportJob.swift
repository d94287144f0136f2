import Comparison
import Foundation
import Organisation
import Reports
import Scoring
import Store
import SurveyIO
import SurveyModel

/// `cultivar report --per-unit DIR`: one self-contained HTML page per unit of the organisation
/// (its index and dimensions with bands and advice, against its parent and the organisation,
/// its child units, its demographics, participation, trend and privacy) and an index page.
///
/// Every number of every page comes from one anonymity decision for the whole run: every unit
/// of every level and every unit crossed with every attribute value, decided together (the
/// universe of ``CutPlan``), so a page shows only what `score --by` of the same responses
/// would, and a unit the engine withholds gets no page. The folder is written as a whole.
public struct ReportJob {
  public var surveyPath: String
  /// The response file (unused when ``wave`` is set).
  public var responsesPath: String
  /// A wave of the store to report instead of the response file.
  public var wave: String?
  /// The resolved store path (see ``Workspace/storePath(explicit:)``).
  public var storePath = Workspace.storePath(explicit: nil)
  /// The folder the pack is written to.
  public var directory: String
  /// The organisation file whose units the team cells name (nil: paths in the team column).
  public var organisationPath: String?
  /// Pages only for the units of this level (nil: every level).
  public var level: Int?
  /// Earlier waves of the store for the trend, oldest first (nil: with ``wave``, every wave
  /// of the store before it; with a response file, none).
  public var earlierWaves: [String]?
  /// The wave whose headcounts give participation (default: ``wave``).
  public var headcountWave: String?
  public var skipInvalid = false
  public var rejectsPath: String?
  /// Where to write the privacy audit alone (JSON when the name ends in `.json`), if anywhere.
  public var privacyReportPath: String?
  public var workspace = Workspace()
  /// The language of the plugins' texts (`--lang`; nil: the survey's default).
  public var language: String?
  /// Receives warnings and the row summary (for standard error).
  public var note: (String) -> Void = { _ in }

  public init(surveyPath: String, responsesPath: String, directory: String) {
    self.surveyPath = surveyPath
    self.responsesPath = responsesPath
    self.directory = directory
  }

  /// Runs the job and writes the pack.
  /// - Returns: one line saying what was written.
  /// - Throws: ``InputError``, ``InputProblems``, ``UsageError``, ``StoreError``, ``PluginError``;
  ///   nothing is written then.
  public func run() throws -> String {
    let pack = try makePack()
    let files = UnitPackHTML.files(pack)
    try AtomicDirectory.write(files, to: directory, marker: UnitPackHTML.indexFile, signature: "cultivar report --per-unit")
    let pages = files.count - 1
    let withheld = pack.units.filter { unit in pack.row(unit.key, framework: 0)?.suppression != nil }.count
    return UnitPackHTML.summary(pack, pages: pages, withheld: withheld, directory: directory)
  }

  /// Reads the responses once and builds the pack's one view.
  func makePack() throws -> UnitPack {
    var scoring = try SurveyScoring.load(path: surveyPath, workspace: workspace, note: note, language: language)
    let (survey, language) = (scoring.survey, scoring.language)
    let chart = try organisationPath.map { try OrgChartLoader.load(path: $0, displayName: workspace.display($0)) }
    if let level { _ = try CutPlan("unit:\(level)", chart: chart, attributes: survey.attributes) }
    let plan = try CutPlan("unit", chart: chart, attributes: survey.attributes)
    // One view: every unit and every unit × attribute value published from one decision.
    scoring.cuts = { keys in Self.everyUnitAndCell(plan.groups(keys: keys)) }
    let reader = try scoring.responses(wave: wave, storePath: storePath, file: responsesPath, workspace: workspace, keyed: true)
    let observed = ComparisonCollector(plan: scoring.plan)
    let outcome = try scoring.score(reader, skipInvalid: skipInvalid, observer: observed)
    if let problems = plan.unknownUnits(responses: reader.file) { throw problems }
    guard let cutGroups = outcome.cutGroups else { throw UsageError(message: "no units to report") }
    let units = Self.units(plan, keys: observed.keys, level: level, shown: outcome.frameworks.first)
    // The pages compare units only; the units' attribute cells are shown as the engine
    // decided them, so only the units' moments are merged and tested.
    let unitKeys = Set(units.map(\.key))
    let collector = observed.grouped(by: cutGroups, only: unitKeys)
    let parents = ParentBaselines(
      parentOf: cutGroups.parents(keys: observed.keys), units: outcome.frameworks, collector: collector, policy: scoring.policy)
    let known = Array(Set(outcome.frameworks.flatMap { $0.teams.map(\.team) }))
    let unitTeams = known.filter(unitKeys.contains).sorted()
    let compared = unitTeams.isEmpty ? nil : unitTeams
    let builder = ComparisonBuilder(plan: scoring.plan, collector: collector)
    let toParent = try TeamSelection(teams: compared, baseline: "parent", known: known, privacy: outcome.privacy)
    let toOrganisation = try TeamSelection(teams: compared, baseline: "org", known: known, privacy: outcome.privacy)
    let versusParent = builder.build(results: outcome.frameworks, selection: toParent, parents: parents).frameworks
    let versusOrganisation = builder.build(results: outcome.frameworks, selection: toOrganisation).frameworks
    let rejectsFile = try RunSupport.writeRejects(
      outcome.rejects, explicitPath: rejectsPath, outputPath: nil, responsesPath: responsesPath, workspace: workspace)
    let input = InputSummary(
      file: reader.file, rowsRead: outcome.rowsRead, rowsUsed: outcome.rowsUsed, rowsRejected: outcome.rejects.count, rejectsFile: rejectsFile,
      wave: wave)
    note(RunSupport.summaryLine(input, language: language))
    if let withheld = outcome.withheldLogNote { note(withheld) }
    var privacy = outcome.privacy
    privacy.audit += parents.audit(results: outcome.frameworks)
    try RunSupport.writePrivacyReport([(nil, privacy)], to: privacyReportPath, language: language)

    var participation: [ParticipationRow] = []
    if let chart, let first = outcome.frameworks.first {
      participation = try ScoreJob.participation(
        chart, level: nil, results: first, wave: headcountWave ?? wave, minimumGroupSize: survey.minGroupSize, responses: reader.file)
    }
    let attributes = survey.attributes.indices.map { a in
      UnitPack.Attribute(
        name: survey.attributes[a].name, labels: ([nil] + survey.attributes[a].values.indices.map { $0 }).map { plan.label(a, $0) })
    }
    let (trend, trendWaves) = try self.trend(plan: plan, current: outcome.frameworks, scoring: scoring)
    return UnitPack(
      survey: SurveyInfo(id: survey.id, title: survey.title(in: language), language: language), input: input, wave: wave, units: units,
      attributes: attributes, versusParent: versusParent, versusOrganisation: versusOrganisation,
      groups: outcome.frameworks, participation: participation, trend: trend, trendWaves: trendWaves, privacy: privacy)
  }

  /// The universe of `groups` with every unit and every unit × attribute value published.
  static func everyUnitAndCell(_ groups: CutGroups) -> CutGroups {
    var groups = groups
    for g in groups.groups.indices where groups.groups[g].cut.hasPrefix("unit:") { groups.groups[g].published = true }
    return groups
  }

  /// The pack's units, parents first, each with a page when the engine shows it (in the first
  /// framework) and it is of the level asked for.
  static func units(_ plan: CutPlan, keys: [String], level: Int?, shown: FrameworkResult?) -> [UnitPack.Unit] {
    let chart = plan.chart ?? OrgChart.fromPaths(Set(keys.map { AttributeKey.split($0).team }).sorted())
    let byPath = plan.chart == nil
    let keyOf = chart.units.map { byPath ? $0.id : $0.name }
    let pages = UnitPackHTML.pageNames(keyOf)
    return chart.units.enumerated().map { u, unit in
      let result = shown?.teams.first(named: keyOf[u])
      let hasPage = result.map { $0.suppression == nil } ?? false && (level == nil || level == unit.level)
      return UnitPack.Unit(key: keyOf[u], title: unit.name, level: unit.level, parent: unit.parent, page: hasPage ? pages[u] : nil)
    }
  }

  /// Each unit's line over the earlier waves (each decided as `trend --by unit` decides it)
  /// and this run.
  private func trend(plan: CutPlan, current: [FrameworkResult], scoring: SurveyScoring) throws -> ([FrameworkTrend], [String]) {
    var earlier = earlierWaves ?? []
    let thisWave = wave ?? "this run"
    if earlierWaves == nil, let wave {
      let store = try StoreAccess.open(storePath, workspace: workspace, create: false)
      let all = try store.waves(survey: scoring.survey.id).map(\.name)
      earlier = Array(all.prefix { $0 != wave })
    }
    guard !earlier.isEmpty else { return ([], []) }
    var job = TrendJob(surveyPath: surveyPath, waves: earlier, storePath: storePath)
    job.workspace = workspace
    job.language = language
    job.cut = "unit"
    job.organisationPath = organisationPath
    job.note = note
    let perWave = try job.scoreWaves().perWave
    let lines = TrendJob.lines(perWave + [current])
    return (lines, earlier + [thisWave])
  }
}
