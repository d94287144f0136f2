/// One framework's comparison: the organisation, the teams shown and the reliability of its
/// dimensions.
public struct FrameworkComparison: Equatable, Sendable {
  public var id: String
  public var name: String
  public var version: String
  public var scale: Scale
  public var dimensions: [DimensionInfo]
  /// What the plugin declared about how it scores; reports state it in words (`RuleSentences`).
  public var rules: ScoringRules
  /// The whole organisation (no difference: it is not compared with itself).
  public var organisation: TeamComparison
  /// The teams shown, by name; suppressed ones carry their n and reason only.
  public var teams: [TeamComparison]
  /// Reliability of each dimension over the whole sample.
  public var reliability: [ScaleReliability]
  /// The index's name and range (e.g. "eNPS", −100...100); no range for an `index` hook
  /// that declares none.
  public var indexLabel = "index"
  public var indexRange: ClosedRange<Double>? = 0...100

  /// "Index", or the label with its range ("eNPS −100–100") when either is not the default.
  public var indexHeading: String {
    if indexLabel == "index", indexRange == 0...100 { return "Index" }
    return indexLabel + (indexRange.map { " \(Number.format($0.lowerBound))–\(Number.format($0.upperBound))" } ?? "")
  }

  public init(
    id: String, name: String, version: String, scale: Scale, dimensions: [DimensionInfo], rules: ScoringRules,
    organisation: TeamComparison, teams: [TeamComparison],
    reliability: [ScaleReliability]
  ) {
    self.id = id
    self.name = name
    self.version = version
    self.scale = scale
    self.dimensions = dimensions
    self.rules = rules
    self.organisation = organisation
    self.teams = teams
    self.reliability = reliability
  }

  /// The name of a dimension id.
  public func dimensionName(_ id: String) -> String {
    dimensions.first { $0.id == id }?.name ?? id
  }
}

/// A closed interval, e.g. a confidence interval.
public struct Interval: Equatable, Sendable {
  public var lower: Double
  public var upper: Double
  public init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }
}
