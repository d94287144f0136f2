import SurveyModel

/// What may be published: for every group of a ``Population``, whether the group, each data
/// point and each framework's index is shown, and why not when it is not. Made by
/// ``AnonymityEngine/decide(_:policy:)``; reporters only read it.
///
/// Held compactly (one flat array per kind of fact, indexed by node and data point), so that a
/// decision over hundreds of thousands of groups costs a few bytes per number; the audit's
/// sentences are written only when asked for.
public struct Disclosure: Sendable {
  public let policy: PrivacyPolicy
  /// Respondents (with any answer) in each group, by node.
  public let respondents: [Int]
  /// Respondents behind each data point of each group: `counts[node][d]`.
  public let counts: Counts
  /// Per group, why the whole group is withheld.
  let groupReason: [Suppression?]
  /// Per group and data point (`node * width + d`), why the number is withheld.
  let pointReason: [Suppression?]
  /// Per group and framework (`node * frameworks + f`), why the index is withheld.
  let indexReason: [Suppression?]
  let width: Int
  let frameworks: Int
  /// What the audit is written from.
  let record: AuditRecord

  /// Respondents behind each data point of each group, read as `counts[node][d]`.
  public struct Counts: Sendable {
    let values: [Int32]
    let width: Int
    /// One group's counts.
    public struct Row {
      let values: ArraySlice<Int32>
      /// Respondents behind data point `d`.
      public subscript(d: Int) -> Int { Int(values[values.startIndex + d]) }
    }
    /// The counts of group `node`.
    public subscript(node: Int) -> Row { Row(values: values[(node * width)..<(node * width + width)]) }
  }

  /// Every withheld number or group, with its rule and what would show it.
  public var audit: [AuditEntry] { record.entries(self) { _, _ in true } }

  /// The audit's entries of the groups that `include` accepts (by cut and name), written
  /// without writing the others'.
  public func audit(where include: (_ cut: String, _ group: String) -> Bool) -> [AuditEntry] { record.entries(self, include) }

  /// Why the whole group is withheld (only its n is shown), or nil.
  public func groupWithheld(_ node: Int) -> Suppression? { groupReason[node] }

  /// Why data point `d` of the group is withheld, or nil when it may be shown.
  public func withheld(_ node: Int, dataPoint d: Int) -> Suppression? { pointReason[node * width + d] }

  /// Whether data point `d` of the group may be shown.
  public func shows(_ node: Int, dataPoint d: Int) -> Bool { pointReason[node * width + d] == nil }

  /// Why framework `f`'s index (and band) of the group is withheld, or nil.
  public func indexWithheld(_ node: Int, framework f: Int) -> Suppression? { indexReason[node * frameworks + f] }
}
