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
  /// What would show it, as data (nil: nothing to say, e.g. a group withheld by an earlier
  /// run); the reports word it in the reader's language.
  public var wouldShow: AuditHint?

  public init(cut: String, group: String, dataPoint: String?, rule: Suppression, threshold: Int, n: Int, wouldShow: AuditHint?) {
    self.cut = cut
    self.group = group
    self.dataPoint = dataPoint
    self.rule = rule
    self.threshold = threshold
    self.n = n
    self.wouldShow = wouldShow
  }
}

/// What would show a withheld number (or every number of a group): the engine's reason as
/// data, which the reports put in words ("would be shown with 2 more respondents in Legal").
/// A data point of nil means each number of the group.
public enum AuditHint: Equatable, Sendable {
  /// `more` respondents more in the entry's own group (answering `point`, when given).
  case moreRespondents(more: Int, answering: String?)
  /// The withheld remainder of the group `of` (on `point`) is `more` respondents short of
  /// `threshold`.
  case remainder(of: String, point: String?, threshold: Int, more: Int)
  /// The part of the group `of` not shown on its own (on `point`) is `more` respondents short
  /// of `threshold`.
  case unshownPart(of: String, point: String?, threshold: Int, more: Int)
  /// Combining published groups would recover what `protects` says (on `point`).
  case overlap(protects: AuditLeak, point: String?)
  /// The overlap problem was too large to decide exactly (on `point`).
  case tooMany(point: String?)

  /// The hint with every group name passed through `f` (to escape or rename them).
  public func mappingNames(_ f: (String) -> String) -> AuditHint {
    switch self {
    case .moreRespondents(let more, let point): return .moreRespondents(more: more, answering: point.map(f))
    case .remainder(let of, let point, let k, let more): return .remainder(of: f(of), point: point.map(f), threshold: k, more: more)
    case .unshownPart(let of, let point, let k, let more): return .unshownPart(of: f(of), point: point.map(f), threshold: k, more: more)
    case .overlap(let leak, let point): return .overlap(protects: leak.mappingNames(f), point: point.map(f))
    case .tooMany(let point): return .tooMany(point: point.map(f))
    }
  }
}

/// What the overlap rule protects by withholding a number.
public enum AuditLeak: Equatable, Sendable {
  /// The withheld number of a group (by name).
  case numberOf(String)
  /// A set of this many respondents that combining overlapping groups would isolate.
  case respondents(Int)

  /// The leak with its group name passed through `f`.
  public func mappingNames(_ f: (String) -> String) -> AuditLeak {
    if case .numberOf(let name) = self { return .numberOf(f(name)) }
    return self
  }
}
