/// Each team's scores over several waves, with the change between consecutive waves.
public struct TrendReport: Equatable, Sendable {
  public var survey: SurveyInfo
  /// The waves, in the order asked for.
  public var waves: [WaveInput]
  /// Every team-mapping rule, with the waves in which it changed some responses' team.
  public var mappingApplied: [AppliedRule]
  public var frameworks: [FrameworkTrend]
  public var minGroupSize: Int
  public var privacyRule: String
  /// Each wave's privacy audit (what it withholds and why), in wave order.
  public var privacy: [PrivacySummary]
  /// The cut the lines follow (`--by`; nil: the teams).
  public var cut: String?

  public init(
    survey: SurveyInfo, waves: [WaveInput], mappingApplied: [AppliedRule], frameworks: [FrameworkTrend], minGroupSize: Int,
    privacyRule: String, privacy: [PrivacySummary] = []
  ) {
    self.privacy = privacy
    self.survey = survey
    self.waves = waves
    self.mappingApplied = mappingApplied
    self.frameworks = frameworks
    self.minGroupSize = minGroupSize
    self.privacyRule = privacyRule
  }
}

/// One wave of a trend: its name and how many responses it holds.
public struct WaveInput: Equatable, Sendable {
  public var name: String
  public var responses: Int
  public init(name: String, responses: Int) {
    self.name = name
    self.responses = responses
  }
}

/// A team-mapping rule and the waves in which it changed some responses' team.
public struct AppliedRule: Equatable, Sendable {
  public var rule: TeamMapping.Rule
  public var waves: [String]
  public init(rule: TeamMapping.Rule, waves: [String]) {
    self.rule = rule
    self.waves = waves
  }
}

/// One framework's trend: a line per team (and one for the organisation).
public struct FrameworkTrend: Equatable, Sendable {
  public var id: String
  public var name: String
  public var version: String
  public var dimensions: [DimensionInfo]
  public var teams: [TeamLine]
  public var organisation: TeamLine
  /// The index's name and range as the plugin declares them (nil range: an `index` hook that
  /// declares none).
  public var indexLabel = "index"
  public var indexRange: ClosedRange<Double>? = 0...100

  /// "index 0–100", "eNPS −100–100", or the label alone when no range is declared.
  public var indexHeading: String {
    indexLabel + (indexRange.map { " \(Number.format($0.lowerBound))–\(Number.format($0.upperBound))" } ?? "")
  }

  public init(id: String, name: String, version: String, dimensions: [DimensionInfo], teams: [TeamLine], organisation: TeamLine) {
    self.id = id
    self.name = name
    self.version = version
    self.dimensions = dimensions
    self.teams = teams
    self.organisation = organisation
  }
}

/// A team's results in each wave (nil where the team has no responses).
public struct TeamLine: Equatable, Sendable {
  public var team: String
  public var points: [TeamResult?]

  public init(team: String, points: [TeamResult?]) {
    self.team = team
    self.points = points
  }

  /// The change of the index from wave `w − 1` to wave `w`, when both are shown.
  public func indexChange(at w: Int) -> Double? {
    guard w > 0, let now = points[w]?.index, let before = points[w - 1]?.index else { return nil }
    return now - before
  }

  /// The change of dimension `id`'s POMP from wave `w − 1` to wave `w`, when both are shown.
  public func pompChange(of id: String, at w: Int) -> Double? {
    guard w > 0, let now = pomp(of: id, at: w), let before = pomp(of: id, at: w - 1) else { return nil }
    return now - before
  }

  /// Dimension `id`'s POMP in wave `w`, when shown.
  public func pomp(of id: String, at w: Int) -> Double? {
    points[w]?.dimensions.first { $0.id == id }?.pomp
  }
}
