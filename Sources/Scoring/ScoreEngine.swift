@_exported import Privacy
import SurveyModel

/// Folds response rows into per-team totals (one pass; memory grows with teams, never with
/// respondents) and turns them into per-team results with indices, bands, reliability and
/// anonymity applied. Rows arrive one at a time (``add(_:)``) or as partial totals of chunks
/// scored on other threads (``merge(_:worker:)``), merged in chunk order.
public final class ScoreEngine {
  public let plan: ScoringPlan
  private let hooks: [ScoringHooks?]
  private var rows: RowScorer
  /// The keyed answers of the row being added, for the reliability sums.
  private let keyedRows: KeyedRows
  /// Each team's slot, in the order teams first came. Its table is let go of when results are
  /// made (at a million teams it is MBs that the anonymity engine would hold beside its own),
  /// and made again should more rows come.
  private var teamIndex = NameIndex()
  private var teamNames: [String] { teamIndex.names }
  private var totals: TeamTotals
  private var reliability: [DimensionMoments]
  /// The team of the rows the `score` hooks are scoring now (see ``add(_:)``).
  private var groupTeam: String?
  /// Respondents folded so far.
  public private(set) var respondentCount = 0
  /// Sees every respondent folded by ``add(_:)`` once scored (see ``ScoredRowObserver``).
  public var observer: ScoredRowObserver?

  /// - Parameters:
  ///   - plan: the compiled survey plan.
  ///   - hooks: per framework of the plan, its custom logic (nil = purely declarative).
  public init(plan: ScoringPlan, hooks: [ScoringHooks?]) {
    precondition(hooks.count == plan.frameworks.count, "one hooks entry per framework")
    self.plan = plan
    self.hooks = hooks
    rows = RowScorer(plan: plan, hooks: hooks)
    totals = TeamTotals(plan)
    reliability = plan.emptyReliability()
    keyedRows = KeyedRows(plan: plan)
  }

  /// Scores one respondent and folds it into its team.
  /// - Throws: whatever a `score` hook throws.
  public func add(_ row: ResponseRow) throws {
    let slot = team(named: row.team)
    // `score` hooks start afresh for every run of rows of another team.
    if rows.needsIdentity, row.team != groupTeam {
      try rows.beginGroup()
      groupTeam = row.team
    }
    let observe = observer.map { observer in
      { (f: Int, scratch: FrameworkScratch) in
        observer.observe(
          team: row.team, framework: f, keyed: UnsafeBufferPointer(start: scratch.keyed, count: scratch.itemCount),
          scores: UnsafeBufferPointer(start: scratch.scores, count: scratch.dimensionCount))
      }
    }
    keyedRows.begin(into: reliability)
    try row.values.withUnsafeBufferPointer { values in
      try rows.score(values.baseAddress!, slot: slot, totals: &totals, keyedRows: keyedRows, observe: observe) {
        (ListedText(row.respondent), ListedText(AttributeKey.split(row.team).team), row.line)
      }
    }
    keyedRows.fold()
    respondentCount += 1
  }

  /// The keys of the groups folded so far (teams, or teams with attribute values).
  public var groupKeys: [String] { teamNames }

  /// Merges the totals of a batch scored on a worker (see ``ParallelScoring``). Call in batch
  /// order.
  /// - Parameter slots: for each of the batch's team ids, this engine's team slot.
  func merge(_ partial: PartialScores, slots: [Int]) {
    totals.merge(partial.totals, local: partial.teams, slots: slots)
    for j in reliability.indices { reliability[j].merge(partial.reliability[j]) }
    respondentCount += partial.rowsUsed
  }

  /// The engine's slot of a team, made on first use.
  func slot(ofTeam name: String) -> Int { team(named: name) }

  private func team(named name: String) -> Int {
    let index = teamIndex.number(of: name)
    if index == totals.count { _ = totals.addTeam() }
    return index
  }

  /// The results per framework, with withheld numbers stripped (see ``AnonymityEngine``).
  /// - Parameter minGroupSize: the anonymity threshold.
  /// - Throws: whatever an `index` or `band` hook throws.
  public func results(minGroupSize: Int) throws -> (frameworks: [FrameworkResult], privacy: PrivacySummary) {
    try results(policy: PrivacyPolicy(minGroupSize: minGroupSize))
  }

  /// The results per framework, every number decided by the anonymity engine.
  /// - Parameters:
  ///   - policy: the anonymity rules.
  ///   - regroup: publish groups of teams instead of the teams (a trend's team mapping: each
  ///     team → the name it is counted under). The groups are checked against what the
  ///     teams' own results (as `score` publishes them) show, so a mapping reveals nothing
  ///     they withhold.
  /// - Throws: whatever an `index` or `band` hook throws.
  public func results(policy: PrivacyPolicy, regroup: ((String) -> String)? = nil) throws -> (frameworks: [FrameworkResult], privacy: PrivacySummary)
  {
    teamIndex.releaseTable()
    let names = teamNames
    let order = names.indices.sorted { names[$0] < names[$1] }
    return try results(
      PublishedView(plan: plan, names: names, order: order, totals: totals, policy: policy, regroup: regroup), regrouped: regroup != nil)
  }

  /// The results of a run that cuts the organisation (units, attributes, crossed cuts): the
  /// published groups of `cuts`, decided with the whole universe of cuts (see ``CutGroups``).
  /// - Throws: whatever an `index` or `band` hook throws.
  public func results(policy: PrivacyPolicy, cuts: CutGroups) throws -> (frameworks: [FrameworkResult], privacy: PrivacySummary) {
    teamIndex.releaseTable()
    let names = teamNames
    let order = names.indices.sorted { names[$0] < names[$1] }
    let view = PublishedView(plan: plan, names: names, order: order, totals: totals, policy: policy, cuts: cuts)
    // A team run's groups are its distinct team names, and a mapping's its distinct targets;
    // a cut's are named from the units and values, which could meet.
    if let twice = DuplicateGroupName.first(in: view.groups.lazy.map(\.name)) { throw DuplicateGroupName(name: twice) }
    return try results(view, regrouped: true)
  }

  private func results(_ view: PublishedView, regrouped: Bool) throws -> (frameworks: [FrameworkResult], privacy: PrivacySummary) {
    if let clash = view.groups.first(where: { ReservedGroupName.clashes($0.name) }) {
      throw ReservedGroupName(name: clash.name, mapped: regrouped && !teamNames.contains(clash.name))
    }
    var results: [FrameworkResult] = []
    for (f, frameworkPlan) in plan.frameworks.enumerated() {
      let framework = frameworkPlan.framework
      let summarizer = TeamSummarizer(framework: framework, hooks: hooks[f])
      let width = framework.dimensions.count
      let offset = frameworkPlan.dimensionOffset
      let measureCount = framework.measures.count
      // Hooks run now, once per team whose index is shown; the rest of each team's result
      // (its index and band too when no hook makes them) is made from its totals whenever a
      // report reads it.
      var interpretations: [(index: Double?, band: Band?)]? = nil
      if summarizer.interpretsWithHooks {
        var made: [(index: Double?, band: Band?)] = []
        made.reserveCapacity(view.groups.count)
        for g in view.groups.indices where view.indexReason(g, framework: f) == nil {
          let dimensions = TeamSummarizer.dimensionScores(framework, view.totals.accumulators(slot: view.slots[g], offset: offset, count: width))
          let measures = TeamSummarizer.measureScores(
            framework, view.totals.accumulators(slot: view.slots[g], offset: offset + width, count: measureCount),
            pooledSums: view.totals.pooledSums(slot: view.slots[g], offset: offset + width, count: measureCount))
          made.append(try summarizer.interpret(team: view.groups[g].name, n: view.respondents(g), dimensions: dimensions, measures: measures))
        }
        interpretations = made
      }
      let maker = TeamResultMaker(framework: framework, view: view, framework: f, interpretations: interpretations, offset: offset)
      let teamResults = TeamResultList(count: view.groups.count, name: { view.groups[$0].name }, make: maker.make)
      let organisation = try maker.organisation(summarizer)
      let reliabilityResults = framework.dimensions.enumerated().map { d, dimension in
        let sums = reliability[offset + d]
        return ScaleReliability(
          dimension: dimension.id, items: frameworkPlan.itemsOfDimension[d].map { frameworkPlan.items[$0].id },
          respondents: sums.respondents, completeRespondents: sums.completeRespondents,
          pairwise: view.organisationShows(offset + d) ? sums.alpha.map { AlphaValue(alpha: $0, interval: nil) } : nil,
          listwise: nil, itemStatistics: [])
      }
      var result = FrameworkResult(
        id: framework.id, name: framework.name, version: framework.version, source: framework.source,
        scale: framework.scale, rules: framework.scoringRules,
        dimensions: framework.dimensions.map { DimensionInfo(id: $0.id, name: $0.name, benchmark: $0.benchmark) },
        teams: teamResults, organisation: organisation, reliability: reliabilityResults)
      result.measures = framework.measureInfo
      (result.indexLabel, result.indexRange) = (framework.indexLabel, framework.publishedIndexRange)
      results.append(result)
    }
    return (results, view.privacy)
  }
}
