/// What `cultivar comments` publishes: per comment item, per group, the comments (scrubbed,
/// shuffled) and their theme counts, or why they are withheld. Made only from the anonymity
/// engine's decisions; reporters only render it.
public struct CommentsReport: Sendable {
  public var survey: SurveyInfo
  /// Where the comments were read from, and how many rows.
  public var input: InputSummary
  /// What groups are published: `team` or `unit:N`.
  public var cut: String
  /// The comment threshold in force and the rule in words.
  public var threshold: Int
  public var rule: String
  public var items: [Item]

  /// One comment item.
  public struct Item: Sendable {
    public var id: String
    public var text: String
    /// The framework's themes (empty: none declared).
    public var themes: [Theme]
    /// The groups, organisation last.
    public var groups: [Group]
    public init(id: String, text: String, themes: [Theme], groups: [Group]) {
      self.id = id
      self.text = text
      self.themes = themes
      self.groups = groups
    }
  }

  /// One group's comments on an item.
  public struct Group: Sendable {
    public var name: String
    /// Respondents of the group who commented on the item.
    public var commenters: Int
    /// Why the comments are withheld (nil: shown), and what would show them.
    public var withheld: Suppression?
    public var wouldShow: AuditHint?
    /// The comments, scrubbed and in a random order (empty when withheld).
    public var comments: [String]
    /// Comments per theme, in theme order (empty when withheld or without themes).
    public var themeCounts: [Int]
    public init(name: String, commenters: Int, withheld: Suppression?, wouldShow: AuditHint?, comments: [String], themeCounts: [Int]) {
      self.name = name
      self.commenters = commenters
      self.withheld = withheld
      self.wouldShow = wouldShow
      self.comments = comments
      self.themeCounts = themeCounts
    }
  }

  public init(survey: SurveyInfo, input: InputSummary, cut: String, threshold: Int, rule: String, items: [Item]) {
    self.survey = survey
    self.input = input
    self.cut = cut
    self.threshold = threshold
    self.rule = rule
    self.items = items
  }
}

/// What `cultivar selections` publishes: per multi-select item and group, the respondents who
/// answered it, the percentage choosing each option and the mean number of options chosen,
/// or why they are withheld.
public struct SelectionsReport: Sendable {
  public var survey: SurveyInfo
  public var input: InputSummary
  public var cut: String
  public var minGroupSize: Int
  public var rule: String
  public var items: [Item]

  /// One multi-select item.
  public struct Item: Sendable {
    public var id: String
    public var text: String
    /// Option ids and labels, in declaration order.
    public var options: [(id: String, label: String)]
    /// The groups, organisation last.
    public var groups: [Group]
    public init(id: String, text: String, options: [(id: String, label: String)], groups: [Group]) {
      self.id = id
      self.text = text
      self.options = options
      self.groups = groups
    }
  }

  /// One group's answers to an item.
  public struct Group: Sendable {
    public var name: String
    /// Respondents of the group who answered the item.
    public var n: Int
    public var withheld: Suppression?
    public var wouldShow: AuditHint?
    /// Percent of `n` choosing each option (empty when withheld).
    public var percents: [Double]
    /// Mean number of options chosen per respondent (nil when withheld).
    public var meanChosen: Double?
    public init(name: String, n: Int, withheld: Suppression?, wouldShow: AuditHint?, percents: [Double], meanChosen: Double?) {
      self.name = name
      self.n = n
      self.withheld = withheld
      self.wouldShow = wouldShow
      self.percents = percents
      self.meanChosen = meanChosen
    }
  }

  public init(survey: SurveyInfo, input: InputSummary, cut: String, minGroupSize: Int, rule: String, items: [Item]) {
    self.survey = survey
    self.input = input
    self.cut = cut
    self.minGroupSize = minGroupSize
    self.rule = rule
    self.items = items
  }
}
