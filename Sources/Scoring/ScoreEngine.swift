import SurveyModel

/// Folds response rows into per-team accumulators (one pass, constant memory per team) and
/// turns them into per-team results with indices, bands and anonymity applied.
public final class ScoreEngine {
  public let plan: ScoringPlan
  private let hooks: [ScoringHooks?]
  private var teamIndex: [String: Int] = [:]
  private var teamNames: [String] = []
  private var teamSizes: [Int] = []
  /// [team][framework][dimension]
  private var teams: [[[DimensionAccumulator]]] = []
  private var organisation: [[DimensionAccumulator]]
  private var organisationSize = 0
  private var scratch: [FrameworkScratch]

  /// - Parameters:
  ///   - plan: the compiled survey plan.
  ///   - hooks: per framework of the plan, its custom logic (nil = purely declarative).
  public init(plan: ScoringPlan, hooks: [ScoringHooks?]) {
    precondition(hooks.count == plan.frameworks.count, "one hooks entry per framework")
    self.plan = plan
    self.hooks = hooks
    organisation = plan.frameworks.map { Array(repeating: DimensionAccumulator(), count: $0.framework.dimensions.count) }
    scratch = plan.frameworks.map { FrameworkScratch(plan: $0) }
  }

  /// Respondents folded so far.
  public var respondentCount: Int { organisationSize }

  /// Scores one respondent and folds it into its team and the organisation.
  /// - Throws: whatever a `score` hook throws.
  public func add(_ row: ResponseRow) throws {
    let t = team(named: row.team)
    teamSizes[t] += 1
    organisationSize += 1
    for (f, frameworkPlan) in plan.frameworks.enumerated() {
      let shift = frameworkPlan.framework.scale.midpoint
      scratch[f].score(row, plan: frameworkPlan)
      if let hook = hooks[f], frameworkPlan.framework.hooks.contains(.score) {
        let context = scratch[f].context(for: row, plan: frameworkPlan)
        for (dimension, score) in try hook.respondentScores(context) {
          scratch[f].scores[dimension] = score ?? .nan
        }
      }
      let work = scratch[f]
      for d in work.scores.indices {
        teams[t][f][d].answered += work.answered[d]
        teams[t][f][d].favorable += work.favorable[d]
        teams[t][f][d].unfavorable += work.unfavorable[d]
        organisation[f][d].answered += work.answered[d]
        organisation[f][d].favorable += work.favorable[d]
        organisation[f][d].unfavorable += work.unfavorable[d]
        let score = work.scores[d]
        if !score.isNaN {
          teams[t][f][d].addScore(score, shift: shift)
          organisation[f][d].addScore(score, shift: shift)
        }
      }
    }
  }

  private func team(named name: String) -> Int {
    if let index = teamIndex[name] { return index }
    let index = teamNames.count
    teamIndex[name] = index
    teamNames.append(name)
    teamSizes.append(0)
    teams.append(plan.frameworks.map { Array(repeating: DimensionAccumulator(), count: $0.framework.dimensions.count) })
    return index
  }

  /// The results per framework, with suppressed teams stripped of their scores.
  /// - Parameter minGroupSize: the anonymity threshold.
  /// - Throws: whatever an `index` or `band` hook throws.
  public func results(minGroupSize: Int) throws -> (frameworks: [FrameworkResult], privacy: PrivacySummary) {
    let sizes = Dictionary(uniqueKeysWithValues: zip(teamNames, teamSizes))
    let hidden = Anonymity.plan(teamSizes: sizes, minGroupSize: minGroupSize)
    let order = teamNames.indices.sorted { teamNames[$0] < teamNames[$1] }
    var results: [FrameworkResult] = []
    for (f, frameworkPlan) in plan.frameworks.enumerated() {
      let summarizer = TeamSummarizer(framework: frameworkPlan.framework, hooks: hooks[f])
      var teamResults: [TeamResult] = []
      for t in order {
        let name = teamNames[t]
        if let reason = hidden[name] {
          teamResults.append(TeamResult(team: name, n: teamSizes[t], suppression: reason))
        } else {
          teamResults.append(try summarizer.summarize(team: name, n: teamSizes[t], accumulators: teams[t][f]))
        }
      }
      let orgName = "(all teams)"
      let org = organisationSize < minGroupSize
        ? TeamResult(team: orgName, n: organisationSize, suppression: .belowMinimum)
        : try summarizer.summarize(team: orgName, n: organisationSize, accumulators: organisation[f])
      let framework = frameworkPlan.framework
      results.append(FrameworkResult(
        id: framework.id, name: framework.name, version: framework.version, source: framework.source,
        scale: framework.scale, indexRule: framework.indexRule, missingRule: framework.missingRule,
        favorableRule: framework.scale.favorableRule,
        dimensions: framework.dimensions.map { DimensionInfo(id: $0.id, name: $0.name, benchmark: $0.benchmark) },
        teams: teamResults, organisation: org))
    }
    let suppressed = order.compactMap { t in
      hidden[teamNames[t]].map { SuppressedGroup(team: teamNames[t], n: teamSizes[t], reason: $0) }
    }
    let privacy = PrivacySummary(minGroupSize: minGroupSize, rule: Anonymity.rule(minGroupSize: minGroupSize), suppressed: suppressed)
    return (results, privacy)
  }
}

extension Scale {
  /// The middle of the scale, used to centre running sums.
  var midpoint: Double { (min + max) / 2 }
}
