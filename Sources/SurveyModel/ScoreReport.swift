/// The result of scoring a survey's responses: per framework, per team and dimension.
public struct ScoreReport: Equatable, Sendable {
  public var survey: SurveyInfo
  public var input: InputSummary
  public var frameworks: [FrameworkResult]
  public var privacy: PrivacySummary
  /// The cut the groups come from ("team", or "unit:N" for an organisation level).
  public var cut = "team"
  /// Invited, responded and rate per published unit (empty without headcounts).
  public var participation: [ParticipationRow] = []

  public init(survey: SurveyInfo, input: InputSummary, frameworks: [FrameworkResult], privacy: PrivacySummary) {
    self.survey = survey
    self.input = input
    self.frameworks = frameworks
    self.privacy = privacy
  }
}

/// One published unit's participation.
public struct ParticipationRow: Equatable, Sendable {
  public var unit: String
  /// People invited to the unit's whole line, when the organisation file gives headcounts.
  public var invited: Int?
  public var responded: Int
  /// responded / invited, only when at least the minimum group size was invited.
  public var rate: Double?

  public init(unit: String, invited: Int?, responded: Int, rate: Double?) {
    self.unit = unit
    self.invited = invited
    self.responded = responded
    self.rate = rate
  }
}

/// What the report is about.
public struct SurveyInfo: Equatable, Sendable {
  public var id: String
  public var title: String
  /// The language the report is read in (`--lang`): its own words and the plugins' texts
  /// (nil: English words, the plugins' texts as loaded).
  public var language: String?
  public init(id: String, title: String, language: String? = nil) {
    self.id = id
    self.title = title
    self.language = language
  }
}

/// What was read: every row is accounted for.
public struct InputSummary: Equatable, Sendable {
  public var file: String
  public var rowsRead: Int
  public var rowsUsed: Int
  public var rowsRejected: Int
  /// Where rejected rows were written, if any were.
  public var rejectsFile: String?
  /// The stored wave read (nil: a response file); `file` then names it as the store does
  /// ("cultivar.sqlite wave 'W'"), and the text reports word it in the reader's language.
  public var wave: String?

  public init(file: String, rowsRead: Int, rowsUsed: Int, rowsRejected: Int, rejectsFile: String? = nil, wave: String? = nil) {
    self.wave = wave
    self.file = file
    self.rowsRead = rowsRead
    self.rowsUsed = rowsUsed
    self.rowsRejected = rowsRejected
    self.rejectsFile = rejectsFile
  }
}

/// One framework's results.
public struct FrameworkResult: Equatable, Sendable {
  public var id: String
  public var name: String
  public var version: String
  public var source: String
  public var scale: Scale
  /// What the plugin declared about how it scores; reports state it in words (`RuleSentences`).
  public var rules: ScoringRules
  public var dimensions: [DimensionInfo]
  public var teams: TeamResultList
  public var organisation: TeamResult
  /// Whole-sample reliability of each dimension.
  public var reliability: [ScaleReliability]
  /// The per-respondent measures the framework declares, in report order.
  public var measures: [MeasureInfo] = []
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
    id: String, name: String, version: String, source: String, scale: Scale, rules: ScoringRules,
    dimensions: [DimensionInfo], teams: TeamResultList,
    organisation: TeamResult, reliability: [ScaleReliability] = []
  ) {
    self.id = id
    self.name = name
    self.version = version
    self.source = source
    self.scale = scale
    self.rules = rules
    self.dimensions = dimensions
    self.teams = teams
    self.organisation = organisation
    self.reliability = reliability
  }
}

/// The id and name of a dimension, in report order.
public struct DimensionInfo: Equatable, Sendable {
  public var id: String
  public var name: String
  /// The dimension's published reference value on 0–100, if the plugin gives one.
  public var benchmark: Double?
  public init(id: String, name: String, benchmark: Double? = nil) {
    self.id = id
    self.name = name
    self.benchmark = benchmark
  }

  /// A team's POMP minus the benchmark (nil without either).
  public func differenceFromBenchmark(_ score: DimensionScore) -> Double? {
    guard let benchmark, let pomp = score.pomp else { return nil }
    return pomp - benchmark
  }
}

/// One team's (or the whole organisation's) results for one framework.
public struct TeamResult: Equatable, Sendable {
  public var team: String
  /// Respondents in the team.
  public var n: Int
  /// Why the scores are withheld, when they are. A suppressed team carries no scores.
  public var suppression: Suppression?
  public var index: Double?
  public var band: Band?
  /// Why the index and band are withheld while the team is shown (a dimension is withheld).
  public var indexSuppression: Suppression?
  public var dimensions: [DimensionScore]
  /// The team's aggregates of the framework's measures (withheld ones carry their n only).
  public var measures: [MeasureScore] = []

  public init(
    team: String, n: Int, suppression: Suppression? = nil, index: Double? = nil, band: Band? = nil,
    indexSuppression: Suppression? = nil, dimensions: [DimensionScore] = []
  ) {
    self.team = team
    self.n = n
    self.suppression = suppression
    self.index = index
    self.band = band
    self.indexSuppression = indexSuppression
    self.dimensions = dimensions
  }

  /// A copy with every score removed, for a team whose scores must not be shown.
  public func suppressed(_ reason: Suppression) -> TeamResult {
    TeamResult(team: team, n: n, suppression: reason)
  }
}

/// Why a group's scores are withheld.
public enum Suppression: String, Equatable, Sendable {
  /// Fewer respondents than the survey's minimum group size.
  case belowMinimum = "below_min_group_size"
  /// Fewer respondents behind this number (e.g. one dimension) than the minimum.
  case dataPointBelowMinimum = "below_min_respondents"
  /// Hidden too, so that hidden groups cannot be recovered from the organisation total.
  case complementary = "complementary"
  /// Hidden too, so that a parent group minus its shown subgroups isolates no small group.
  case nested = "nested"
  /// Hidden so that a mapped (merged, renamed or split) group cannot reveal what another
  /// run (e.g. `score` of the same wave) withholds.
  case mapping = "mapping"
  /// Hidden so that groups of overlapping cuts (units, attributes, crossed cuts) cannot be
  /// combined to isolate a small group.
  case overlapping = "overlapping"
  /// An index, band or advice made from a withheld number.
  case derived = "derived"
  /// Withheld by the earlier run this one is checked against (not published here).
  case earlierRun = "earlier_run"

  /// The reason in words, without revealing anything about the group.
  public var words: String {
    switch self {
    case .belowMinimum: return "fewer respondents than the minimum group size"
    case .dataPointBelowMinimum: return "fewer respondents behind this number than the minimum"
    case .complementary: return "protects a smaller group from subtraction from the organisation total"
    case .nested: return "protects a smaller group from subtraction from a parent group"
    case .mapping: return "protects a group that another run withholds, through a team mapping"
    case .overlapping: return "protects a smaller group from differencing across overlapping cuts"
    case .derived: return "made from a withheld number"
    case .earlierRun: return "withheld by an earlier run"
    }
  }
}

/// One dimension's statistics for one team.
public struct DimensionScore: Equatable, Sendable {
  public var id: String
  /// Respondents with a score on this dimension.
  public var n: Int
  public var mean: Double?
  /// Sample standard deviation (n − 1) of respondent scores.
  public var sd: Double?
  /// Mean on 0–100.
  public var pomp: Double?
  /// Shares of answered item responses, in percent.
  public var favorable: Double?
  public var neutral: Double?
  public var unfavorable: Double?
  /// The dimension's advice, when the team scores below its threshold.
  public var advice: String?
  /// Why this dimension's numbers are withheld (then only `n` is set), or nil.
  public var suppression: Suppression?

  public init(
    id: String, n: Int, mean: Double? = nil, sd: Double? = nil, pomp: Double? = nil, favorable: Double? = nil, neutral: Double? = nil,
    unfavorable: Double? = nil, advice: String? = nil, suppression: Suppression? = nil
  ) {
    self.id = id
    self.suppression = suppression
    self.n = n
    self.mean = mean
    self.sd = sd
    self.pomp = pomp
    self.favorable = favorable
    self.neutral = neutral
    self.unfavorable = unfavorable
    self.advice = advice
  }
}

/// What was withheld for anonymity, and why, without revealing it.
public struct PrivacySummary: Equatable, Sendable {
  public var minGroupSize: Int
  public var rule: String
  /// Groups whose numbers are all withheld (only their n is shown).
  public var suppressed: [SuppressedGroup]
  /// Every withheld group or number, with its rule and what would show it.
  public var audit: [AuditEntry]

  public init(minGroupSize: Int, rule: String, suppressed: [SuppressedGroup], audit: [AuditEntry] = []) {
    self.minGroupSize = minGroupSize
    self.rule = rule
    self.suppressed = suppressed
    self.audit = audit
  }
}

/// A team whose scores are withheld.
public struct SuppressedGroup: Equatable, Sendable {
  public var team: String
  public var n: Int
  public var reason: Suppression
  public init(team: String, n: Int, reason: Suppression) {
    self.team = team
    self.n = n
    self.reason = reason
  }
}
