/// The result of `cultivar compare`: each team against a baseline, per framework and dimension,
/// with reliability and the privacy summary.
public struct ComparisonReport: Equatable, Sendable {
  public var survey: SurveyInfo
  public var input: InputSummary
  public var baseline: Baseline
  public var method: ComparisonMethod
  public var frameworks: [FrameworkComparison]
  public var privacy: PrivacySummary
  /// The teams asked for with `--teams`, in the order given (nil = every team).
  public var selectedTeams: [String]?
  /// The cut the groups come from (`team`, or the `--by` of a run that cuts the organisation).
  public var cut = "team"

  public init(
    survey: SurveyInfo, input: InputSummary, baseline: Baseline, method: ComparisonMethod,
    frameworks: [FrameworkComparison], privacy: PrivacySummary, selectedTeams: [String]? = nil
  ) {
    self.survey = survey
    self.input = input
    self.baseline = baseline
    self.method = method
    self.frameworks = frameworks
    self.privacy = privacy
    self.selectedTeams = selectedTeams
  }
}

/// What each team is compared with.
public enum Baseline: Equatable, Sendable {
  /// The rest of the organisation: every respondent not in the team (a team is never compared
  /// with a total that contains it, which would not be an independent sample).
  case restOfOrganisation
  /// Another team.
  case team(String)
  /// Each unit's parent unit without the unit: the parent line's other respondents (an
  /// independent sample, as for the organisation); a top unit's is the rest of the organisation.
  case parent

  /// `org` or the team's name, as given to `--baseline`.
  public var argument: String {
    switch self {
    case .restOfOrganisation: return "org"
    case .team(let name): return name
    case .parent: return "parent"
    }
  }

  /// The baseline in words.
  public var description: String {
    switch self {
    case .restOfOrganisation: return "the rest of the organisation (every respondent outside the team)"
    case .team(let name): return "team '\(name)'"
    case .parent: return "each unit's parent unit without the unit (the parent's other respondents; the rest of the organisation for a top unit)"
    }
  }
}

/// The statistical settings and rules of a comparison, stated in every report.
public struct ComparisonMethod: Equatable, Sendable {
  /// The level of the confidence intervals (0.95).
  public var confidenceLevel: Double
  /// The family-wise significance level of the Holm-adjusted tests (0.05).
  public var significanceLevel: Double
  /// The power used for the minimum detectable difference (0.8).
  public var power: Double
  /// A team with fewer respondents on a dimension gets the minimum detectable difference
  /// instead of a verdict.
  public var smallTeamBelow: Int
  /// Per-team reliability is given from this many respondents up.
  public var reliabilityMinimum: Int
  /// The deletion rule of the item statistics (pairwise or listwise).
  public var deletionRule: String
  /// The number of comparisons in the Holm family (every test in the report).
  public var familySize: Int

  public init(
    confidenceLevel: Double = 0.95, significanceLevel: Double = 0.05, power: Double = 0.8, smallTeamBelow: Int = 10,
    reliabilityMinimum: Int = 10, deletionRule: String = "pairwise", familySize: Int = 0
  ) {
    self.confidenceLevel = confidenceLevel
    self.significanceLevel = significanceLevel
    self.power = power
    self.smallTeamBelow = smallTeamBelow
    self.reliabilityMinimum = reliabilityMinimum
    self.deletionRule = deletionRule
    self.familySize = familySize
  }

}
