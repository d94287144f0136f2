/// One respondent's answers to the items no dimension scores: comments and multi-selects.
/// Read by `cultivar comments` and `cultivar selections` only; scoring never sees them.
public struct UnscoredAnswers: Sendable {
  public var team: String
  /// One per comment item of the survey, in survey order (nil = no comment).
  public var comments: [String?]
  /// One per multi-select item, in survey order: bit `i` set when option `i` was chosen (nil =
  /// not answered).
  public var selections: [UInt32?]

  public init(team: String, comments: [String?], selections: [UInt32?]) {
    self.team = team
    self.comments = comments
    self.selections = selections
  }
}
