import SurveyModel

/// Turns one team's accumulators into its published result: dimension statistics, index, band
/// and advice for low dimensions.
struct TeamSummarizer {
  let framework: Framework
  let hooks: ScoringHooks?

  func summarize(team: String, n: Int, accumulators: [DimensionAccumulator]) throws -> TeamResult {
    let scale = framework.scale
    let shift = scale.midpoint
    var dimensions: [DimensionScore] = []
    for (d, dimension) in framework.dimensions.enumerated() {
      let acc = accumulators[d]
      let mean = acc.mean(shift: shift)
      let pomp = mean.map(scale.pomp)
      let neutral = acc.answered > 0 ? acc.percent(acc.answered - acc.favorable - acc.unfavorable) : nil
      let advice = (pomp.map(dimension.adviceApplies) ?? false) ? dimension.advice : nil
      dimensions.append(DimensionScore(
        id: dimension.id, n: acc.count, mean: mean, sd: acc.standardDeviation, pomp: pomp,
        favorable: acc.percent(acc.favorable), neutral: neutral,
        unfavorable: acc.percent(acc.unfavorable), advice: advice))
    }
    let pomps = dimensions.compactMap(\.pomp)
    let declarative = pomps.isEmpty ? nil : pomps.reduce(0, +) / Double(pomps.count)
    let context = TeamContext(team: team, n: n, dimensions: dimensions, declarativeIndex: declarative)
    var index = declarative
    if let hooks, framework.hooks.contains(.index) {
      index = try hooks.index(of: context)
    }
    var band: Band? = nil
    if let index {
      if let hooks, framework.hooks.contains(.band) {
        band = try hooks.band(for: index, team: context)
      } else {
        band = framework.band(for: index)
      }
    }
    return TeamResult(team: team, n: n, index: index, band: band, dimensions: dimensions)
  }
}
