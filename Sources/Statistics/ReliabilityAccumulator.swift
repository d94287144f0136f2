/// How missing answers are handled when estimating reliability.
public enum DeletionRule: String, CaseIterable, Sendable {
  /// Each covariance uses the respondents who answered both items (psych's and pingouin's
  /// default).
  case pairwise
  /// Only respondents who answered every item of the scale are used.
  case listwise
}

/// Everything the reliability of one scale needs, folded one respondent at a time: pairwise
/// and complete-case moments of its items. Memory grows with items², never with respondents.
public struct ReliabilityAccumulator: Sendable {
  public private(set) var pairwise: PairwiseMoments
  public private(set) var completeCases: CompleteCaseMoments
  /// Respondents with at least one answered item.
  public var respondents: Int { pairwise.observations }

  /// - Parameters:
  ///   - items: the number of items of the scale.
  ///   - shift: a constant near the answers' centre (the scale midpoint).
  public init(items: Int, shift: Double) {
    pairwise = PairwiseMoments(count: items, shift: shift)
    completeCases = CompleteCaseMoments(count: items, shift: shift)
  }

  /// Folds one respondent's (reverse-keyed) answers; NaN marks an unanswered item.
  public mutating func add(_ answers: [Double]) {
    guard answers.contains(where: { !$0.isNaN }) else { return }
    pairwise.add(answers)
    completeCases.add(answers)
  }

  /// Forgets every respondent, keeping the storage.
  public mutating func reset() {
    pairwise.reset()
    completeCases.reset()
  }

  /// The number of sums held: what the accumulator costs in memory.
  public var valueCount: Int { pairwise.valueCount + completeCases.valueCount }

  /// Adds another accumulator of the same scale.
  public mutating func merge(_ other: ReliabilityAccumulator) {
    pairwise.merge(other.pairwise)
    completeCases.merge(other.completeCases)
  }

  /// The covariance matrix under a deletion rule.
  public func covariance(_ rule: DeletionRule) -> CovarianceMatrix {
    rule == .pairwise ? pairwise.covarianceMatrix : completeCases.covarianceMatrix
  }

  /// Alpha and its Feldt interval under a deletion rule.
  ///
  /// The interval's n is the number of respondents with at least one answer under both rules:
  /// for listwise deletion this reproduces pingouin 0.7's `cronbach_alpha`, which takes n
  /// before dropping incomplete rows (its published fixture depends on it). psych's
  /// `alpha(use = "complete.obs")` uses all subjects too.
  public func alpha(_ rule: DeletionRule, level: Double = 0.95) -> CronbachAlpha? {
    CronbachAlpha(covariance: covariance(rule), n: respondents, level: level)
  }
}
