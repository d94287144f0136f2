/// One team (or the organisation) in a comparison.
public struct TeamComparison: Equatable, Sendable {
  public var team: String
  public var n: Int
  /// Why the scores are withheld; a suppressed team carries nothing but its name and n.
  public var suppression: Suppression?
  /// Whether this team is the baseline the others are compared with.
  public var isBaseline: Bool
  /// The culture index (0–100) and its confidence interval.
  public var index: Double?
  public var indexInterval: Interval?
  public var band: String?
  /// Why the index, its interval and band are withheld while the team is shown.
  public var indexSuppression: Suppression?
  /// The band's advice (what to do), when the plugin gives one.
  public var bandAdvice: String?
  public var dimensions: [DimensionComparison]
  /// Reliability within the team (empty when the team is too small or suppressed).
  public var reliability: [ScaleReliability]

  public init(
    team: String, n: Int, suppression: Suppression? = nil, isBaseline: Bool = false, index: Double? = nil,
    indexInterval: Interval? = nil, band: String? = nil, indexSuppression: Suppression? = nil,
    dimensions: [DimensionComparison] = [], reliability: [ScaleReliability] = []
  ) {
    self.indexSuppression = indexSuppression
    self.team = team
    self.n = n
    self.suppression = suppression
    self.isBaseline = isBaseline
    self.index = index
    self.indexInterval = indexInterval
    self.band = band
    self.bandAdvice = nil
    self.dimensions = dimensions
    self.reliability = reliability
  }
}

/// One team's statistics on one dimension (its ``DimensionScore``), the interval of its mean,
/// and its difference from the baseline. Reads of the score's fields (`mean`, `n`, …) pass
/// through to `score`.
@dynamicMemberLookup
public struct DimensionComparison: Equatable, Sendable {
  /// The dimension's published statistics, as `score` reports them.
  public var score: DimensionScore
  /// The confidence interval of the mean.
  public var interval: Interval?
  /// nil for the baseline itself and the organisation row.
  public var difference: BaselineDifference?
  /// Why a shown dimension has no difference (e.g. its parent unit's number is withheld).
  public var noDifference: String?

  public init(score: DimensionScore, interval: Interval? = nil, difference: BaselineDifference? = nil) {
    self.score = score
    self.interval = interval
    self.difference = difference
  }

  /// A dimension built field by field (tests and small tools).
  public init(
    id: String, n: Int, mean: Double? = nil, sd: Double? = nil, interval: Interval? = nil, pomp: Double? = nil,
    favorable: Double? = nil, neutral: Double? = nil, unfavorable: Double? = nil, difference: BaselineDifference? = nil,
    suppression: Suppression? = nil
  ) {
    self.init(
      score: DimensionScore(
        id: id, n: n, mean: mean, sd: sd, pomp: pomp, favorable: favorable, neutral: neutral,
        unfavorable: unfavorable, suppression: suppression),
      interval: interval, difference: difference)
  }

  /// The score's fields, read and written through the comparison.
  public subscript<Value>(dynamicMember field: WritableKeyPath<DimensionScore, Value>) -> Value {
    get { score[keyPath: field] }
    set { score[keyPath: field] = newValue }
  }
}

/// A team's difference from its baseline on one dimension.
public struct BaselineDifference: Equatable, Sendable {
  /// The baseline sample (the rest of the organisation, or the baseline team).
  public var baselineN: Int
  public var baselineMean: Double
  /// Team mean − baseline mean, in scale points.
  public var difference: Double
  /// Welch's t, its degrees of freedom and two-sided p (nil when the test is undefined).
  public var t: Double?
  public var degreesOfFreedom: Double?
  public var p: Double?
  /// p after Holm's adjustment across every comparison in the report.
  public var adjustedP: Double?
  public var cohensD: Double?
  /// The smallest difference the comparison could detect (see ``ComparisonMethod``).
  public var minimumDetectable: Double?
  public var verdict: Verdict
  /// Why no test was run, when ``verdict`` is ``Verdict/untestable``.
  public var untestableReason: UntestableReason?
  /// Set on a meaningful verdict reached with fewer respondents than the small-team limit:
  /// the difference is clear, but rests on few people (a signal, not a finding).
  public var smallSample: Bool

  public init(
    baselineN: Int, baselineMean: Double, difference: Double, t: Double? = nil, degreesOfFreedom: Double? = nil,
    p: Double? = nil, adjustedP: Double? = nil, cohensD: Double? = nil, minimumDetectable: Double? = nil,
    verdict: Verdict, untestableReason: UntestableReason? = nil, smallSample: Bool = false
  ) {
    self.baselineN = baselineN
    self.baselineMean = baselineMean
    self.difference = difference
    self.t = t
    self.degreesOfFreedom = degreesOfFreedom
    self.p = p
    self.adjustedP = adjustedP
    self.cohensD = cohensD
    self.minimumDetectable = minimumDetectable
    self.verdict = verdict
    self.untestableReason = untestableReason
    self.smallSample = smallSample
  }
}

/// Why a difference could not be tested.
public enum UntestableReason: String, Equatable, Sendable {
  /// Fewer than two scores on one side.
  case fewerThanTwo = "fewer_than_two"
  /// Every score on one side is the same: Welch's test would divide by a variance of zero on
  /// that side and call any difference certain.
  case noVariance = "no_variance"
}

/// What a difference means.
public enum Verdict: String, Equatable, Sendable {
  /// Significantly above the baseline after adjustment.
  case higher
  /// Significantly below the baseline after adjustment.
  case lower
  /// Not significant after adjustment.
  case noClearDifference = "no_clear_difference"
  /// Not significant, and too few respondents to tell: see the minimum detectable difference.
  case tooSmall = "too_small"
  /// No test possible (fewer than two respondents on a side, or no variance on a side).
  case untestable

  /// Whether the difference is meaningful (significant after adjustment).
  public var isMeaningful: Bool { self == .higher || self == .lower }
}
