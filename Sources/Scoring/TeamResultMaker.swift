import SurveyModel

/// Makes the `i`-th published group's result on demand from a snapshot of the totals, with
/// the index and band worked out beforehand (hooks cannot run on demand: they belong to the
/// scoring thread). Every number withheld by the anonymity engine is left out.
struct TeamResultMaker: Sendable {
  let framework: Framework
  let view: PublishedView
  let f: Int
  /// Index and band of each group whose index is shown, in order, when hooks made them; nil
  /// when the framework's own rules make them (on demand, like the rest of the result).
  let interpretations: [(index: Double?, band: Band?)]?
  let offset: Int
  /// For each group, its position among the groups whose index is shown.
  private let shownPosition: [Int]

  init(framework: Framework, view: PublishedView, framework f: Int, interpretations: [(index: Double?, band: Band?)]?, offset: Int) {
    self.framework = framework
    self.view = view
    self.f = f
    self.interpretations = interpretations
    self.offset = offset
    var position = 0
    shownPosition = view.groups.indices.map { g in
      defer { if view.indexReason(g, framework: f) == nil { position += 1 } }
      return position
    }
  }

  func make(_ g: Int) -> TeamResult {
    let name = view.groups[g].name
    let n = view.respondents(g)
    if let reason = view.groupReason(g) { return TeamResult(team: name, n: n, suppression: reason) }
    let all = TeamSummarizer.dimensionScores(
      framework, view.totals.accumulators(slot: view.slots[g], offset: offset, count: framework.dimensions.count))
    // Shares `all`'s storage unless a number is withheld.
    var dimensions = all
    for d in all.indices {
      if let reason = view.pointReason(g, dataPoint: offset + d) { dimensions[d] = Self.withhold(all[d], reason) }
    }
    let allMeasures = measureScores(view.totals, slot: view.slots[g])
    let measures = withhold(allMeasures) { view.pointReason(g, dataPoint: $0) }
    var result: TeamResult
    if let reason = view.indexReason(g, framework: f) {
      result = TeamResult(team: name, n: n, indexSuppression: reason, dimensions: dimensions)
    } else {
      let (index, band) =
        interpretations?[shownPosition[g]] ?? TeamSummarizer.interpretation(framework, dimensions: all, measures: allMeasures)
      result = TeamResult(team: name, n: n, index: index, band: band, dimensions: dimensions)
    }
    result.measures = measures
    return result
  }

  /// The measures of totals `slot`.
  private func measureScores(_ totals: TeamTotals, slot: Int) -> [MeasureScore] {
    let first = offset + framework.dimensions.count
    return TeamSummarizer.measureScores(
      framework, totals.accumulators(slot: slot, offset: first, count: framework.measures.count),
      pooledSums: totals.pooledSums(slot: slot, offset: first, count: framework.measures.count))
  }

  /// `measures`, each withheld as the anonymity engine decided for its data point.
  private func withhold(_ measures: [MeasureScore], reason: (Int) -> Suppression?) -> [MeasureScore] {
    let first = offset + framework.dimensions.count
    return measures.enumerated().map { m, score in
      reason(first + m).map { MeasureScore(id: score.id, n: score.n, suppression: $0) } ?? score
    }
  }

  /// The organisation row (its index and band from the hooks when shown).
  func organisation(_ summarizer: TeamSummarizer) throws -> TeamResult {
    let name = PublishedView.organisationName
    let n = view.organisationN
    if let reason = view.organisationReason { return TeamResult(team: name, n: n, suppression: reason) }
    let all = TeamSummarizer.dimensionScores(framework, view.organisation.accumulators(slot: 0, offset: offset, count: framework.dimensions.count))
    let dimensions = all.enumerated().map { d, score in Self.withhold(score, view.organisationPointReason(offset + d)) }
    let measures = withhold(measureScores(view.organisation, slot: 0)) { view.organisationPointReason($0) }
    var result: TeamResult
    if let reason = view.organisationIndexReason(f) {
      result = TeamResult(team: name, n: n, indexSuppression: reason, dimensions: dimensions)
    } else {
      let (index, band) = try summarizer.interpret(team: name, n: n, dimensions: dimensions, measures: measures)
      result = TeamResult(team: name, n: n, index: index, band: band, dimensions: dimensions)
    }
    result.measures = measures
    return result
  }

  /// The score with every number removed when `reason` is set (its n stays).
  static func withhold(_ score: DimensionScore, _ reason: Suppression?) -> DimensionScore {
    guard let reason else { return score }
    return DimensionScore(id: score.id, n: score.n, suppression: reason)
  }
}
