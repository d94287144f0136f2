import Statistics
import SurveyModel

/// Estimates each group's drivers: correlations with Fisher intervals and Holm-adjusted
/// p-values, Johnson's relative weights with percentile bootstrap intervals, and the priority
/// quadrant of each driver.
public enum DriverAnalysis {
  /// - Parameters:
  ///   - results: the framework's results as the anonymity engine decided them: a group
  ///     withheld there shows nothing here, and a group with any withheld number among the
  ///     dimensions the analysis uses shows the organisation's drivers, not its own.
  ///   - byGroup: whether to add each team after the organisation.
  public static func run(_ collector: DriversCollector, results: FrameworkResult, byGroup: Bool, method: DriverMethod) -> [DriverGroup] {
    let used = collector.spec.dimensionsUsed
    func withheld(_ team: TeamResult) -> Suppression? {
      team.suppression ?? team.dimensions.first { used.contains($0.id) && $0.suppression != nil }?.suppression
    }
    let organisationName = results.organisation.team
    if let reason = withheld(results.organisation) {
      return [DriverGroup(group: organisationName, n: results.organisation.n, source: .own, suppression: reason)]
    }
    let organisation = estimate(collector, group: nil, name: organisationName, method: method)
    var result = [organisation]
    for team in byGroup ? Array(results.teams) : [] {
      let name = team.team
      if let reason = team.suppression {
        result.append(DriverGroup(group: name, n: team.n, source: .own, suppression: reason))
        continue
      }
      let columns = collector.completeColumns(group: name)
      let n = columns.first?.count ?? 0
      if n >= method.minimumN, withheld(team) == nil {
        result.append(estimate(collector, group: name, name: name, columns: columns, method: method))
      } else {
        var fallback = organisation
        fallback.group = name
        fallback.n = n
        fallback.source = .organisation
        result.append(fallback)
      }
    }
    return result
  }

  /// One group's drivers from its own respondents.
  /// - Parameter columns: the group's complete columns, when already read.
  static func estimate(
    _ collector: DriversCollector, group: String?, name: String, columns known: [[Double]]? = nil,
    method: DriverMethod
  ) -> DriverGroup {
    let spec = collector.spec
    let columns = known ?? collector.completeColumns(group: group)
    let y = columns[0]
    let x = Array(columns.dropFirst())
    let n = y.count
    var drivers = spec.drivers.enumerated().map { d, target -> DriverResult in
      var result = DriverResult(target: target)
      if let c = Correlation(x[d], y, level: method.confidenceLevel) {
        result.correlation = c.r
        result.correlationInterval = c.interval.map { Interval(lower: $0.lowerBound, upper: $0.upperBound) }
        result.p = c.p
      }
      result.scorePOMP = collector.driverMean(d, group: group).map(spec.scale.pomp)
      return result
    }
    let adjusted = Holm.adjust(drivers.map { $0.p ?? .nan })
    for d in drivers.indices where drivers[d].p != nil { drivers[d].adjustedP = adjusted[d] }
    var estimate = DriverGroup(group: name, n: n, source: .own)
    if let weights = RelativeWeights(outcome: y, drivers: x) {
      estimate.rSquared = weights.rSquared
      for d in drivers.indices {
        drivers[d].rawWeight = weights.raw[d]
        drivers[d].share = weights.shares[d]
      }
      let (intervals, used) = bootstrap(y: y, x: x, method: method)
      estimate.bootstrapUsed = used
      for d in drivers.indices { drivers[d].weightInterval = intervals[d] }
      classify(&drivers)
    }
    estimate.drivers = drivers
    return estimate
  }

  /// Percentile intervals of the raw weights over resamples drawn with ``SplitMix64``.
  static func bootstrap(y: [Double], x: [[Double]], method: DriverMethod) -> ([Interval?], Int) {
    guard method.bootstrapSamples > 0, y.count >= 2 else { return (x.map { _ in nil }, 0) }
    var random = SplitMix64(seed: method.seed)
    var samples = [[Double]](repeating: [], count: x.count)
    var used = 0
    for _ in 0..<method.bootstrapSamples {
      let picks = random.resample(y.count)
      guard let weights = RelativeWeights(outcome: picks.map { y[$0] }, drivers: x.map { column in picks.map { column[$0] } }) else { continue }
      used += 1
      for d in x.indices { samples[d].append(weights.raw[d]) }
    }
    let tail = (1 - method.confidenceLevel) / 2
    let intervals = samples.map { values -> Interval? in
      guard let low = Percentile.of(values, tail), let high = Percentile.of(values, 1 - tail) else { return nil }
      return Interval(lower: low, upper: high)
    }
    return (intervals, used)
  }

  /// Sets each driver's quadrant: high impact is a share of R² of at least 1 / drivers (more
  /// than an equal share), a high score a POMP of at least the mean POMP of the drivers.
  static func classify(_ drivers: inout [DriverResult]) {
    let scores = drivers.compactMap(\.scorePOMP)
    guard !scores.isEmpty else { return }
    let scoreCut = scores.reduce(0, +) / Double(scores.count)
    let impactCut = 1 / Double(drivers.count)
    for d in drivers.indices {
      guard let share = drivers[d].share, let score = drivers[d].scorePOMP else { continue }
      let high = share >= impactCut
      let good = score >= scoreCut
      drivers[d].quadrant = high ? (good ? .protect : .actFirst) : (good ? .maintain : .monitor)
    }
  }
}
