/// A key-driver analysis: which dimensions (or items) go with an outcome, per group.
public struct DriversReport: Equatable, Sendable {
  public var survey: SurveyInfo
  public var input: InputSummary
  /// The framework whose dimensions or items are analysed.
  public var framework: DimensionInfo
  public var scale: Scale
  public var outcome: DriverTarget
  public var method: DriverMethod
  /// The organisation first, then each group of the cut (when one was asked for).
  public var groups: [DriverGroup]
  public var privacy: PrivacySummary

  public init(
    survey: SurveyInfo, input: InputSummary, framework: DimensionInfo, scale: Scale, outcome: DriverTarget,
    method: DriverMethod, groups: [DriverGroup], privacy: PrivacySummary
  ) {
    self.survey = survey
    self.input = input
    self.framework = framework
    self.scale = scale
    self.outcome = outcome
    self.method = method
    self.groups = groups
    self.privacy = privacy
  }
}

/// An outcome or a driver: an item, a dimension, or the respondent's own index.
public struct DriverTarget: Equatable, Sendable {
  public enum Kind: String, Sendable { case item, dimension, index }
  public var kind: Kind
  public var id: String
  public var name: String
  public init(kind: Kind, id: String, name: String) {
    self.kind = kind
    self.id = id
    self.name = name
  }
}

/// How the drivers were estimated.
public struct DriverMethod: Equatable, Sendable {
  /// Groups with fewer complete respondents show their parent's (the organisation's) drivers.
  public var minimumN: Int
  public var bootstrapSamples: Int
  public var seed: UInt64
  public var confidenceLevel: Double
  public var significanceLevel: Double

  public init(minimumN: Int = 30, bootstrapSamples: Int = 1000, seed: UInt64 = 1, confidenceLevel: Double = 0.95, significanceLevel: Double = 0.05) {
    self.minimumN = minimumN
    self.bootstrapSamples = bootstrapSamples
    self.seed = seed
    self.confidenceLevel = confidenceLevel
    self.significanceLevel = significanceLevel
  }
}

/// One group's drivers.
public struct DriverGroup: Equatable, Sendable {
  public enum Source: String, Sendable {
    /// Estimated from the group's own respondents.
    case own
    /// The group has fewer than the minimum complete respondents: the organisation's drivers.
    case organisation
  }
  public var group: String
  /// Respondents of the group with the outcome and every driver (the listwise sample).
  public var n: Int
  public var source: Source
  /// Why the group shows nothing at all (its scores are withheld by the anonymity rules).
  public var suppression: Suppression?
  /// R² of the outcome on all drivers; nil when it cannot be estimated.
  public var rSquared: Double?
  /// Resamples that gave weights (a resample whose drivers are collinear is left out).
  public var bootstrapUsed: Int
  public var drivers: [DriverResult]

  public init(
    group: String, n: Int, source: Source, suppression: Suppression? = nil, rSquared: Double? = nil,
    bootstrapUsed: Int = 0, drivers: [DriverResult] = []
  ) {
    self.group = group
    self.n = n
    self.source = source
    self.suppression = suppression
    self.rSquared = rSquared
    self.bootstrapUsed = bootstrapUsed
    self.drivers = drivers
  }
}

/// One driver in one group.
public struct DriverResult: Equatable, Sendable {
  public var target: DriverTarget
  public var correlation: Double?
  public var correlationInterval: Interval?
  public var p: Double?
  /// p after Holm's adjustment over the group's drivers.
  public var adjustedP: Double?
  /// Johnson's relative weight (a part of R²) and its share of R².
  public var rawWeight: Double?
  public var share: Double?
  /// Percentile bootstrap interval of the raw weight.
  public var weightInterval: Interval?
  /// The group's mean on the driver, as POMP (0–100).
  public var scorePOMP: Double?
  public var quadrant: Quadrant?

  public init(
    target: DriverTarget, correlation: Double? = nil, correlationInterval: Interval? = nil, p: Double? = nil,
    adjustedP: Double? = nil, rawWeight: Double? = nil, share: Double? = nil, weightInterval: Interval? = nil,
    scorePOMP: Double? = nil, quadrant: Quadrant? = nil
  ) {
    self.target = target
    self.correlation = correlation
    self.correlationInterval = correlationInterval
    self.p = p
    self.adjustedP = adjustedP
    self.rawWeight = rawWeight
    self.share = share
    self.weightInterval = weightInterval
    self.scorePOMP = scorePOMP
    self.quadrant = quadrant
  }
}

/// Where a driver sits on the priority matrix (impact against score).
public enum Quadrant: String, Equatable, Sendable {
  /// High impact, low score.
  case actFirst = "act_first"
  /// High impact, high score.
  case protect
  /// Low impact, low score.
  case monitor
  /// Low impact, high score.
  case maintain
}
