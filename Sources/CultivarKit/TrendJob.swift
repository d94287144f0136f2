import Foundation
import Organisation
import Reports
import Scoring
import Store
import SurveyIO
import SurveyModel

/// `cultivar trend`: scores each wave of the store with the same engine as `score` (team
/// mapping applied, anonymity threshold applied per wave) and shows each team's line over
/// the waves with the change between consecutive waves.
public struct TrendJob {
  public var surveyPath: String
  public var waves: [String]
  /// The resolved store path (see ``StoreLocation``).
  public var storePath: String
  public var format = "table"
  /// Where to write the report (nil = return it for standard output).
  public var outputPath: String?
  /// Where to write the privacy audit alone (JSON when the name ends in `.json`), if anywhere.
  public var privacyReportPath: String?
  public var workspace = Workspace()
  /// The language of the plugins' texts in the report (`--lang`; nil: the survey's default).
  public var language: String?
  /// Receives warnings (for standard error).
  public var note: (String) -> Void = { _ in }
  /// The organisation file whose units the team cells name (nil: paths in the team column).
  public var organisationPath: String?
  /// `--by`: follow the groups of a cut (``CutPlan``: `unit:N`, `unit`, an attribute, crossed)
  /// instead of the teams; an attribute's groups in each wave are shown only as that wave's
  /// `score --by` the same cut shows them.
  public var cut: String?
  /// Threads that score each wave (the results do not depend on it).
  public var jobs = ProcessInfo.processInfo.activeProcessorCount

  public init(surveyPath: String, waves: [String], storePath: String) {
    self.surveyPath = surveyPath
    self.waves = waves
    self.storePath = storePath
  }

  /// Runs the job.
  /// - Returns: the rendered trend when no output file was given, else nil.
  /// - Throws: ``UsageError``, ``InputError``, ``InputProblems``, ``StoreError``, ``PluginError``.
  public func run() throws -> String? {
    let reporter = try OutputFormats.trend.renderer(named: format)
    guard !waves.isEmpty else { throw UsageError(message: "no waves given", hint: "list the waves in order, e.g. --waves 2026-q1,2026-q2,2026-q3") }
    for wave in waves { try WaveName.check(wave) }
    if let repeated = waves.first(where: { name in waves.filter { $0 == name }.count > 1 }) {
      throw UsageError(message: "wave '\(repeated)' is listed twice in --waves")
    }
    let scored = try scoreWaves()
    let (context, perWave, inputs, audits, applied) = (scored.context, scored.perWave, scored.inputs, scored.audits, scored.applied)
    var report = TrendReport(
      survey: SurveyInfo(id: context.survey.id, title: context.survey.title(in: context.language), language: context.language), waves: inputs,
      mappingApplied: applied.list, frameworks: Self.lines(perWave), minGroupSize: context.survey.minGroupSize,
      privacyRule: PrivacyPolicy(minGroupSize: context.survey.minGroupSize).summary, privacy: audits)
    if let cut { report.cut = cut }
    let text = reporter.render(report)
    try RunSupport.writePrivacyReport(zip(inputs, audits).map { ($0.name, $1) }, to: privacyReportPath, language: context.language)
    guard let outputPath else { return text }
    try AtomicFile.write(text, to: outputPath)
    return nil
  }

  /// What scoring every wave gave: the results and audit of each wave, in order.
  struct ScoredWaves {
    var context: SurveyScoring
    var perWave: [[FrameworkResult]]
    var inputs: [WaveInput]
    var audits: [PrivacySummary]
    var applied: AppliedRules
  }

  /// Scores each wave of the store (with the cut, when one is given).
  func scoreWaves() throws -> ScoredWaves {
    var context = try SurveyScoring.load(path: surveyPath, workspace: workspace, note: note, language: language)
    let plan = try cutPlan(context.survey)
    let store = try StoreAccess.open(storePath, workspace: workspace, create: false)
    let refs = try waves.map { try store.wave($0, survey: context.survey.id) }
    for ref in refs { try notePluginChanges(store: store, wave: ref, context: context) }
    var perWave: [[FrameworkResult]] = []
    var inputs: [WaveInput] = []
    var audits: [PrivacySummary] = []
    let applied = AppliedRules(mapping: context.survey.teamMapping)
    for ref in refs {
      // Through the same batch pipeline as `score` (pages of the store, scored on `jobs` threads).
      // A cut by an attribute reads each response's attribute values (as the store keeps them).
      let byAttribute = plan?.attribute != nil
      let source = try store.responses(
        of: ref, itemIDs: context.plan.slots, byLanguage: false, attributes: byAttribute ? context.survey.attributes : [])
      // The wave is scored team by team as `score` would, and the mapped groups are decided
      // against what that publishes (see PublishedView); a cut is decided against both, and an
      // attribute's groups are shown as `score --wave W --by` the same cut shows them.
      context.regroup = { applied.canonical(AttributeKey.split($0).team, wave: ref.name) }
      if let plan {
        context.mappedCuts = { keys, mapped, decide in
          var canonical: [String: String] = [:]
          for key in keys {
            let team = AttributeKey.split(key).team
            canonical[team] = applied.canonical(team, wave: ref.name)
          }
          // What `score --wave W --by` the same cut publishes: its groups and their results.
          let asScored = byAttribute ? plan.groups(keys: keys) : nil
          let scored = try asScored.map { (groups: $0, results: try decide($0)) }
          return TrendCuts.groups(plan, keys: keys, canonical: canonical, mapped: mapped, scored: scored)
        }
      }
      let outcome = try context.score(source, workers: jobs, skipInvalid: false)
      if let problems = plan?.unknownUnits(responses: source.file) { throw problems }
      perWave.append(outcome.frameworks)
      audits.append(outcome.privacy)
      inputs.append(WaveInput(name: ref.name, responses: outcome.rowsRead))
    }
    return ScoredWaves(context: context, perWave: perWave, inputs: inputs, audits: audits, applied: applied)
  }

  /// The cut `--by` asks for (nil: the teams).
  /// - Throws: ``CutPlan/Problem`` for a `--by` that cannot be used.
  func cutPlan(_ survey: SurveyDefinition) throws -> CutPlan? {
    guard let cut, cut != "team" else { return nil }
    let chart = try organisationPath.map { try OrgChartLoader.load(path: $0, displayName: workspace.display($0)) }
    return try CutPlan(cut, chart: chart, attributes: survey.attributes)
  }

  /// One line per team and framework from the per-wave results.
  static func lines(_ perWave: [[FrameworkResult]]) -> [FrameworkTrend] {
    guard let first = perWave.first else { return [] }
    return first.indices.map { f in
      let results = perWave.map { $0[f] }
      let teams = Set(results.flatMap { $0.teams.map(\.team) }).sorted()
      let lines = teams.map { team in TeamLine(team: team, points: results.map { $0.teams.first(named: team) }) }
      let framework = first[f]
      var trend = FrameworkTrend(
        id: framework.id, name: framework.name, version: framework.version, dimensions: framework.dimensions,
        teams: lines, organisation: TeamLine(team: framework.organisation.team, points: results.map(\.organisation)))
      (trend.indexLabel, trend.indexRange) = (framework.indexLabel, framework.indexRange)
      return trend
    }
  }

  private func notePluginChanges(store: any ResponseStoring, wave: WaveRef, context: SurveyScoring) throws {
    let recorded = try store.plugins(of: wave)
    for use in context.stamp.plugins {
      let versions = recorded.filter { $0.id == use.id }.map(\.version)
      if !versions.isEmpty, !versions.contains(use.version) {
        note("warning: wave '\(wave.name)' was collected with \(use.id) \(versions.joined(separator: ", ")); it is scored now with \(use.version)")
      }
    }
  }
}

/// Follows team names through the survey's team mapping and remembers which rules applied in
/// which waves, so the report can state them.
final class AppliedRules: @unchecked Sendable {
  let mapping: TeamMapping
  private var waves: [Int: [String]] = [:]

  init(mapping: TeamMapping) {
    self.mapping = mapping
  }

  func canonical(_ team: String, wave: String) -> String {
    var name = team
    var steps = 0
    while let index = mapping.rules.firstIndex(where: { $0.sources.contains(name) }), steps <= mapping.rules.count {
      if waves[index]?.last != wave { waves[index, default: []].append(wave) }
      name = mapping.rules[index].target
      steps += 1
    }
    return name
  }

  /// Every rule, in declaration order, with the waves it applied in (none: no team of those
  /// waves had its name).
  var list: [AppliedRule] {
    mapping.rules.indices.map { AppliedRule(rule: mapping.rules[$0], waves: waves[$0] ?? []) }
  }
}
