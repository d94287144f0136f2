/// One line of the privacy audit: a withheld group or number, the rule, the threshold, and
/// what it would take to show it.
public struct AuditEntry: Equatable, Sendable {
  public var cut: String
  public var group: String
  /// The data point (e.g. a dimension id, or `index` of a framework); nil = the whole group.
  public var dataPoint: String?
  public var rule: Suppression
  public var threshold: Int
  /// Respondents behind the withheld number (or in the group).
  public var n: Int
  /// What would show it, in words (e.g. "would be shown with 2 more respondents in Legal").
  public var wouldShow: String

  public init(cut: String, group: String, dataPoint: String?, rule: Suppression, threshold: Int, n: Int, wouldShow: String) {
    self.cut = cut
    self.group = group
    self.dataPoint = dataPoint
    self.rule = rule
    self.threshold = threshold
    self.n = n
    self.wouldShow = wouldShow
  }
}
