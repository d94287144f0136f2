import Scoring
import Statistics
import SurveyModel

/// Builds the comparison of the selected teams from the engine's (anonymity-checked) results and
/// the collector's moments: statistics, differences with Holm-adjusted verdicts, index
/// intervals and reliability.
public struct ComparisonBuilder {
  public let plan: ScoringPlan
  public let collector: ComparisonCollector
  public let deletion: DeletionRule
  public let settings: ComparisonMethod

  /// - Parameters:
  ///   - settings: the method; its `familySize` is filled in by ``build(results:selection:)``.
  public init(
    plan: ScoringPlan, collector: ComparisonCollector, deletion: DeletionRule = .pairwise,
    settings: ComparisonMethod = ComparisonMethod()
  ) {
    self.plan = plan
    self.collector = collector
    self.deletion = deletion
    var settings = settings
    settings.deletionRule = deletion.rawValue
    self.settings = settings
  }

  /// The comparison of every framework, and the method with the size of the Holm family.
  /// - Parameter results: the engine's results, suppression already applied over every team.
  /// - Parameter parents: what `--baseline parent` compares each unit with.
  public func build(results: [FrameworkResult], selection: TeamSelection, parents: ParentBaselines? = nil)
    -> (frameworks: [FrameworkComparison], method: ComparisonMethod)
  {
    var frameworks = results.enumerated().map { f, result in framework(f, result, selection, parents) }
    let method = HolmVerdicts.apply(to: &frameworks, settings: settings)
    return (frameworks, method)
  }

  private func framework(_ f: Int, _ result: FrameworkResult, _ selection: TeamSelection, _ parents: ParentBaselines?) -> FrameworkComparison {
    let frameworkPlan = plan.frameworks[f]
    let organisationMoments = collector.organisation(framework: f)
    let baselineMoments: ComparisonCollector.FrameworkMoments? = {
      if case .team(let name) = selection.baseline { return collector.moments(team: name, framework: f) }
      return nil
    }()
    // Only the teams shown are made (a cut run's results hold every published group).
    let named = { (name: String) in result.teams.first(named: name) }
    // A difference publishes the baseline's mean: only where the baseline's own number is shown.
    let baselineResult: TeamResult = {
      if case .team(let name) = selection.baseline, let team = named(name) { return team }
      return result.organisation
    }()
    let baselineShows = { (d: Int) in
      baselineResult.suppression == nil && d < baselineResult.dimensions.count && baselineResult.dimensions[d].suppression == nil
    }
    let teams = selection.shown.compactMap { name -> TeamComparison? in
      guard let team = named(name) else { return nil }
      if let reason = team.suppression { return TeamComparison(team: name, n: team.n, suppression: reason) }
      let moments = collector.moments(team: name, framework: f)
      let isBaseline = selection.baseline == .team(name)
      if selection.baseline == .parent, let parents {
        let parent = parents.baseline(of: team, framework: f, own: moments, organisation: (result.organisation, organisationMoments))
        return row(
          team, moments: moments, isBaseline: false, plan: frameworkPlan, teamReliability: true,
          baseline: { parent.summary($0) }, noDifference: parent.withheld)
      }
      let baselineSummary: (Int) -> SampleSummary? = { d in
        guard !isBaseline, baselineShows(d), let own = moments?.scores.summary(d) else { return nil }
        if let baselineMoments { return baselineMoments.scores.summary(d) }
        return organisationMoments.scores.summary(d)?.removing(own)
      }
      return row(team, moments: moments, isBaseline: isBaseline, plan: frameworkPlan, teamReliability: true, baseline: baselineSummary)
    }
    let organisation =
      result.organisation.suppression.map { TeamComparison(team: result.organisation.team, n: result.organisation.n, suppression: $0) }
      ?? row(
        result.organisation, moments: organisationMoments, isBaseline: false, plan: frameworkPlan, teamReliability: false, baseline: { _ in nil })
    var comparison = FrameworkComparison(
      id: result.id, name: result.name, version: result.version, scale: result.scale, dimensions: result.dimensions,
      rules: result.rules, organisation: organisation, teams: teams,
      reliability: organisation.suppression == nil ? reliability(organisationMoments, plan: frameworkPlan, shown: result.organisation) : [])
    (comparison.indexLabel, comparison.indexRange) = (result.indexLabel, result.indexRange)
    return comparison
  }

  /// A shown group's row: statistics, intervals, differences (unadjusted) and, for a team,
  /// reliability (the organisation's is the framework's whole-sample reliability).
  private func row(
    _ team: TeamResult, moments: ComparisonCollector.FrameworkMoments?, isBaseline: Bool, plan: FrameworkPlan,
    teamReliability withReliability: Bool, baseline: (Int) -> SampleSummary?,
    noDifference: (Int) -> String? = { _ in nil }
  ) -> TeamComparison {
    let level = settings.confidenceLevel
    let dimensions = team.dimensions.enumerated().map { d, score in
      if score.suppression != nil { return DimensionComparison(score: score) }
      let own = moments?.scores.summary(d)
      var comparison = DimensionComparison(
        score: score,
        interval: own?.meanInterval(level: level).map { Interval(lower: $0.lowerBound, upper: $0.upperBound) },
        difference: DifferenceTest.compare(team: own, baseline: baseline(d), method: settings))
      if comparison.difference == nil { comparison.noDifference = noDifference(d) }
      return comparison
    }
    // An index computed by a plugin hook has no known sampling variance, so no interval.
    var interval: Interval? = nil
    if !plan.framework.hooks.contains(.index), plan.framework.indexDefinition.map({ $0.rule == .pompMean && $0.weights.isEmpty }) ?? true,
      let index = team.index, let scores = moments?.scores
    {
      interval = IndexInterval.interval(index: index, scores: scores, scale: plan.framework.scale, level: level)
    }
    var teamReliability: [ScaleReliability] = []
    if withReliability, let moments, team.n >= settings.reliabilityMinimum { teamReliability = reliability(moments, plan: plan, shown: team) }
    var comparison = TeamComparison(
      team: team.team, n: team.n, isBaseline: isBaseline, index: team.index, indexInterval: interval, band: team.band?.label,
      indexSuppression: team.indexSuppression, dimensions: dimensions, reliability: teamReliability)
    comparison.bandAdvice = team.band?.advice
    return comparison
  }

  /// Reliability of each dimension whose numbers the group shows.
  private func reliability(_ moments: ComparisonCollector.FrameworkMoments, plan: FrameworkPlan, shown: TeamResult) -> [ScaleReliability] {
    plan.framework.dimensions.enumerated().compactMap { d, dimension in
      guard d < shown.dimensions.count, shown.dimensions[d].suppression == nil else { return nil }
      let items = plan.items.filter { $0.dimension == dimension.id }.map(\.id)
      guard !items.isEmpty else { return nil }
      return ReliabilitySummary.make(
        dimension: dimension.id, items: items, accumulator: moments.reliability[d], rule: deletion,
        level: settings.confidenceLevel)
    }
  }
}
