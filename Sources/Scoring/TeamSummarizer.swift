import SurveyModel

/// Turns one team's accumulators into its published result: dimension statistics, index, band
/// and advice for low dimensions.
struct TeamSummarizer {
  let framework: Framework
  let hooks: ScoringHooks?

  /// A team's measure aggregates from the accumulators and pooled sums of its measures (pure
  /// arithmetic).
  static func measureScores(
    _ framework: Framework, _ accumulators: some Collection<DimensionAccumulator>, pooledSums: [Double]
  ) -> [MeasureScore] {
    zip(zip(framework.measures, accumulators), pooledSums).map { measureAndTotals, pooledSum in
      let (measure, acc) = measureAndTotals
      let shift = (measure.min + measure.max) / 2
      let mean = acc.mean(shift: shift)
      let share = { (count: Int32, threshold: Double?) -> Double? in
        threshold != nil && acc.n > 0 ? Double(count) / Double(acc.n) * 100 : nil
      }
      return MeasureScore(
        id: measure.id, n: acc.count, mean: mean, sd: acc.standardDeviation, sum: mean.map { $0 * Double(acc.n) },
        atLeast: share(acc.favorable, measure.atLeast), atMost: share(acc.unfavorable, measure.atMost),
        pooled: measure.source == .allItems && acc.answered > 0 ? pooledSum / Double(acc.answered) : nil)
    }
  }

  /// The team's dimension statistics (pure arithmetic on its totals).
  static func dimensionScores(_ framework: Framework, _ accumulators: some Collection<DimensionAccumulator>) -> [DimensionScore] {
    let scale = framework.scale
    let shift = scale.midpoint
    var dimensions: [DimensionScore] = []
    dimensions.reserveCapacity(framework.dimensions.count)
    for (dimension, acc) in zip(framework.dimensions, accumulators) {
      let mean = acc.mean(shift: shift)
      let pomp = mean.map(scale.pomp)
      let neutral = acc.answered > 0 ? acc.percent(acc.answered - acc.favorable - acc.unfavorable) : nil
      let advice = (pomp.map(dimension.adviceApplies) ?? false) ? dimension.advice : nil
      dimensions.append(
        DimensionScore(
          id: dimension.id, n: acc.count, mean: mean, sd: acc.standardDeviation, pomp: pomp,
          favorable: acc.percent(acc.favorable), neutral: neutral,
          unfavorable: acc.percent(acc.unfavorable), advice: advice))
    }
    return dimensions
  }

  /// Whether ``interpret(team:n:dimensions:measures:)`` calls hooks (else it is pure
  /// arithmetic, ``interpretation(_:dimensions:measures:)``, and may run on any thread).
  var interpretsWithHooks: Bool { hooks != nil && !framework.hooks.isDisjoint(with: [.index, .band]) }

  /// The index and band by the framework's own rules (no hooks).
  static func interpretation(_ framework: Framework, dimensions: [DimensionScore], measures: [MeasureScore]) -> (Double?, Band?) {
    let index = framework.indexDefinition.map { $0.index(dimensions: dimensions, measures: measures, of: framework) } ?? declarativeIndex(dimensions)
    return (index, index.flatMap { framework.band(for: $0) })
  }

  /// The mean of the dimensions' POMP scores (nil when none has one).
  private static func declarativeIndex(_ dimensions: [DimensionScore]) -> Double? {
    let pomps = dimensions.compactMap(\.pomp)
    return pomps.isEmpty ? nil : pomps.reduce(0, +) / Double(pomps.count)
  }

  /// The team's index (declarative, or the `index` hook's) and band.
  func interpret(team: String, n: Int, dimensions: [DimensionScore], measures: [MeasureScore]) throws -> (Double?, Band?) {
    guard let hooks, interpretsWithHooks else { return Self.interpretation(framework, dimensions: dimensions, measures: measures) }
    let declarative = Self.declarativeIndex(dimensions)
    let context = TeamContext(team: team, n: n, dimensions: dimensions, declarativeIndex: declarative, measures: measures)
    var index = framework.indexDefinition.map { $0.index(dimensions: dimensions, measures: measures, of: framework) } ?? declarative
    // Each team's hooks start afresh: nothing of another team's results reaches this one.
    try hooks.beginGroup()
    if framework.hooks.contains(.index) { index = try hooks.index(of: context) }
    guard let index else { return (nil, nil) }
    return (index, framework.hooks.contains(.band) ? try hooks.band(for: index, team: context) : framework.band(for: index))
  }
}
