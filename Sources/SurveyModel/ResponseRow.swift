/// One respondent's answers, as read from a response file.
public struct ResponseRow: Sendable {
  /// The line of the row in its file (1 = header), for messages.
  public var line: Int
  public var respondent: String
  public var team: String
  /// One value per survey item slot (see ``ScoringPlan/slots``); NaN means "not answered".
  public var values: [Double]
  /// The row's comments (answers to `type = "text"` items), by item id; only imports fill it,
  /// to store them apart from the answers. Scoring never reads it.
  public var comments: [(item: String, text: String)] = []
  /// The row's respondent attributes given (name, declared value's label); only imports fill
  /// it, to store them with the response. Scoring reads attributes from the group key.
  public var attributes: [(name: String, value: String)] = []
  /// The language the response was given in (``SurveyDefinition/responseLanguageColumns``);
  /// only imports fill it, to store it with the response. Nil: not recorded.
  public var language: String?

  public init(line: Int, respondent: String, team: String, values: [Double]) {
    self.line = line
    self.respondent = respondent
    self.team = team
    self.values = values
  }
}
