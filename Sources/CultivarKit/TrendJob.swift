import Foundation
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
    let context = try SurveyScoring.load(path: surveyPath, workspace: workspace, note: note, language: language)
    let store = try StoreAccess.open(storePath, workspace: workspace, create: false)
    let refs = try waves.map { try store.wave($0, survey: context.survey.id) }
    for ref in refs { try notePluginChanges(store: store, wave: ref, context: context) }
    var perWave: [[FrameworkResult]] = []
    var inputs: [WaveInput] = []
    var audits: [PrivacySummary] = []
    var applied = AppliedRules(mapping: context.survey.teamMapping)
    for ref in refs {
      let source = try store.responses(of: ref, itemIDs: context.plan.slots)
      let engine = context.makeEngine()
      var seen = Set<String>()
      while case .row(let row)? = try source.next() {
        seen.insert(row.team)
        try engine.add(row)
      }
      // The wave is scored team by team as `score` would, and the mapped groups are decided
      // against what that publishes (see PublishedView).
      var canonical: [String: String] = [:]
      for team in seen.sorted() { canonical[team] = applied.canonical(team, wave: ref.name) }
      let regroup: (String) -> String = { canonical[$0] ?? $0 }
      let (frameworks, privacy) = try engine.results(policy: PrivacyPolicy(minGroupSize: context.survey.minGroupSize), regroup: regroup)
      perWave.append(frameworks)
      audits.append(privacy)
      inputs.append(WaveInput(name: ref.name, responses: source.rowsRead))
    }
    let report = TrendReport(
      survey: SurveyInfo(id: context.survey.id, title: context.survey.title(in: context.language)), waves: inputs,
      mappingApplied: applied.list, frameworks: Self.lines(perWave), minGroupSize: context.survey.minGroupSize,
      privacyRule: PrivacyPolicy(minGroupSize: context.survey.minGroupSize).summary, privacy: audits)
    let text = reporter.render(report)
    try RunSupport.writePrivacyReport(zip(inputs, audits).map { ($0.name, $1) }, to: privacyReportPath)
    guard let outputPath else { return text }
    try AtomicFile.write(text, to: outputPath)
    return nil
  }

  /// One line per team and framework from the per-wave results.
  static func lines(_ perWave: [[FrameworkResult]]) -> [FrameworkTrend] {
    guard let first = perWave.first else { return [] }
    return first.indices.map { f in
      let results = perWave.map { $0[f] }
      let teams = Set(results.flatMap { $0.teams.map(\.team) }).sorted()
      let lines = teams.map { team in TeamLine(team: team, points: results.map { $0.teams.first { $0.team == team } }) }
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
struct AppliedRules {
  let mapping: TeamMapping
  private var waves: [Int: [String]] = [:]

  init(mapping: TeamMapping) {
    self.mapping = mapping
  }

  mutating func canonical(_ team: String, wave: String) -> String {
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
