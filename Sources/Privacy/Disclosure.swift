import SurveyModel

/// What may be published: for every group of a ``Population``, whether the group, each data
/// point and each framework's index is shown, and why not when it is not. Made by
/// ``AnonymityEngine/decide(_:policy:)``; reporters only read it.
public struct Disclosure: Sendable {
  public let policy: PrivacyPolicy
  /// Respondents (with any answer) in each group, by node.
  public let respondents: [Int]
  /// Respondents behind each data point of each group: `counts[node][d]`.
  public let counts: [[Int]]
  let groupReason: [Suppression?]
  let pointReason: [[Suppression?]]
  let indexReason: [[Suppression?]]
  /// Every withheld number or group, with its rule and what would show it.
  public let audit: [AuditEntry]

  /// Why the whole group is withheld (only its n is shown), or nil.
  public func groupWithheld(_ node: Int) -> Suppression? { groupReason[node] }

  /// Why data point `d` of the group is withheld, or nil when it may be shown.
  public func withheld(_ node: Int, dataPoint d: Int) -> Suppression? { pointReason[node][d] }

  /// Whether data point `d` of the group may be shown.
  public func shows(_ node: Int, dataPoint d: Int) -> Bool { pointReason[node][d] == nil }

  /// Why framework `f`'s index (and band) of the group is withheld, or nil.
  public func indexWithheld(_ node: Int, framework f: Int) -> Suppression? { indexReason[node][f] }
}
