import SurveyModel

/// A respondent handed to a framework's `score` hook.
public struct RespondentContext: Sendable {
  /// The respondent's id and team, made `String`s only when read (most hooks never read them).
  public let respondentText: ListedText
  public let teamText: ListedText
  public var respondent: String { respondentText.string }
  public var team: String { teamText.string }
  /// The row's line in the response file.
  public let line: Int
  /// The framework's items in use, their raw answers and reverse-keyed answers (NaN = missing).
  public let items: [Item]
  public let raw: [Double]
  public let keyed: [Double]
  /// The declarative dimension scores, in framework dimension order (NaN = no score).
  public let scores: [Double]
  /// The multi-select items of `respondent.counts` (``Framework/countedItems``), by id in
  /// order, and the number of options the respondent chose in each (NaN = not answered).
  public var counted: [String] = []
  public var counts: [Double] = []

  public init(respondent: String, team: String, line: Int, items: [Item], raw: [Double], keyed: [Double], scores: [Double]) {
    self.init(respondent: ListedText(respondent), team: ListedText(team), line: line, items: items, raw: raw, keyed: keyed, scores: scores)
  }

  public init(respondent: ListedText, team: ListedText, line: Int, items: [Item], raw: [Double], keyed: [Double], scores: [Double]) {
    respondentText = respondent
    teamText = team
    self.line = line
    self.items = items
    self.raw = raw
    self.keyed = keyed
    self.scores = scores
  }
}

/// A team's dimension results handed to a framework's `index` and `band` hooks.
public struct TeamContext: Sendable {
  public let team: String
  public let n: Int
  public let dimensions: [DimensionScore]
  /// The index the declarative rule gives.
  public let declarativeIndex: Double?
  /// The team's aggregates of the framework's measures, in declaration order.
  public let measures: [MeasureScore]

  public init(team: String, n: Int, dimensions: [DimensionScore], declarativeIndex: Double?, measures: [MeasureScore] = []) {
    self.team = team
    self.n = n
    self.dimensions = dimensions
    self.declarativeIndex = declarativeIndex
    self.measures = measures
  }
}

/// The custom logic a framework may supply. The scoring engine calls these; it does not know
/// how they are implemented (the plugin host implements them in Lua).
public protocol ScoringHooks: AnyObject {
  /// Replacement dimension scores and hook measure values for one respondent: (slot, value or
  /// nil for "no score"), where slots count the dimensions first, then the measures.
  /// Dimensions not listed keep their declarative score.
  func respondentScores(_ respondent: RespondentContext) throws -> [(dimension: Int, score: Double?)]
  /// The team's index, or nil when it cannot be computed.
  func index(of team: TeamContext) throws -> Double?
  /// The interpretation of a team's index; `team` holds the team's dimension results, so the
  /// interpretation can name, say, the team's strongest blockers.
  func band(for index: Double, team: TeamContext) throws -> Band?
  /// Forgets every state the hooks kept: the next calls are for another group (team). The
  /// engine calls it before the respondents of each team (within each chunk of the file) and
  /// before each team's `index`/`band`, so nothing of one team's answers can reach another
  /// team's results, and results do not depend on how rows are spread over threads.
  func beginGroup() throws
}

extension ScoringHooks {
  /// Hooks that keep no state need not do anything to start a group.
  public func beginGroup() throws {}
}
