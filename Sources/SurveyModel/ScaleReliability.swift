/// The reliability of one dimension's items (a scale) in one group.
public struct ScaleReliability: Equatable, Sendable {
  public var dimension: String
  public var items: [String]
  /// Respondents who answered at least one of the items.
  public var respondents: Int
  /// Respondents who answered all of them (the listwise sample).
  public var completeRespondents: Int
  public var pairwise: AlphaValue?
  public var listwise: AlphaValue?
  /// Per item, under the report's deletion rule.
  public var itemStatistics: [ItemReliability]

  public init(
    dimension: String, items: [String], respondents: Int, completeRespondents: Int, pairwise: AlphaValue?,
    listwise: AlphaValue?, itemStatistics: [ItemReliability]
  ) {
    self.dimension = dimension
    self.items = items
    self.respondents = respondents
    self.completeRespondents = completeRespondents
    self.pairwise = pairwise
    self.listwise = listwise
    self.itemStatistics = itemStatistics
  }
}

/// Cronbach's alpha and its Feldt confidence interval.
public struct AlphaValue: Equatable, Sendable {
  public var alpha: Double
  public var interval: Interval?
  public init(alpha: Double, interval: Interval?) {
    self.alpha = alpha
    self.interval = interval
  }
}

/// One item's statistics within its scale.
public struct ItemReliability: Equatable, Sendable {
  public var item: String
  /// Respondents who answered it.
  public var n: Int
  /// Corrected item-total correlation (item vs the sum of the other items).
  public var itemRest: Double?
  public var alphaIfDeleted: Double?
  /// Set when the item correlates negatively with the rest of its dimension.
  public var warning: String?

  public init(item: String, n: Int, itemRest: Double?, alphaIfDeleted: Double?, warning: String? = nil) {
    self.item = item
    self.n = n
    self.itemRest = itemRest
    self.alphaIfDeleted = alphaIfDeleted
    self.warning = warning
  }
}
