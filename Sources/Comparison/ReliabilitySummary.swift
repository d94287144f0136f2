import Statistics
import SurveyModel

/// Turns one scale's reliability moments into the published ``ScaleReliability``.
enum ReliabilitySummary {
  /// - Parameters:
  ///   - dimension: the dimension id.
  ///   - items: the ids of its items, in accumulator order.
  ///   - accumulator: the moments of the group (team or organisation).
  ///   - rule: the deletion rule of the item statistics.
  ///   - level: the confidence level of Feldt's interval.
  static func make(
    dimension: String, items: [String], accumulator: ReliabilityAccumulator, rule: DeletionRule,
    level: Double
  ) -> ScaleReliability {
    func value(_ rule: DeletionRule) -> AlphaValue? {
      accumulator.alpha(rule, level: level).map { estimate in
        AlphaValue(alpha: estimate.alpha, interval: estimate.interval.map { Interval(lower: $0.lowerBound, upper: $0.upperBound) })
      }
    }
    var statistics: [ItemReliability] = []
    if items.count >= 2 {
      let covariance = accumulator.covariance(rule)
      statistics = zip(items, CronbachAlpha.itemStatistics(covariance)).enumerated().map { i, pair in
        let (item, stats) = pair
        return ItemReliability(
          item: item, n: rule == .listwise ? accumulator.completeCases.n : accumulator.pairwise.pairCount(i, i),
          itemRest: stats.itemRestCorrelation,
          alphaIfDeleted: stats.alphaIfDeleted, warning: warning(item: item, dimension: dimension, stats: stats, variance: covariance[i, i]))
      }
    }
    return ScaleReliability(
      dimension: dimension, items: items, respondents: accumulator.respondents,
      completeRespondents: accumulator.completeCases.n, pairwise: value(.pairwise), listwise: value(.listwise),
      itemStatistics: statistics)
  }

  /// Item-rest correlations between this and zero are read as "unrelated", not "reversed":
  /// only a correlation below it suggests a missing reverse key.
  static let reverseKeyWarningBelow = -0.1

  private static func warning(item: String, dimension: String, stats: ItemStatistics, variance: Double) -> String? {
    if variance == 0 { return "item '\(item)' has no variance: everyone gave the same answer" }
    guard let r = stats.itemRestCorrelation, r < reverseKeyWarningBelow else { return nil }
    return "item '\(item)' correlates negatively with the rest of '\(dimension)': it may need reverse-keying"
  }
}
