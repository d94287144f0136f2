import Privacy

/// The groups of a run that cuts the organisation (by unit levels, attributes, or both) and
/// how the run's finest groups (the *atoms*: each team, or each team with its attribute
/// values, see `AttributeKey`) belong to them.
///
/// A run that cuts decides the whole universe of groups that any cut of the same responses
/// could publish, not only its own: every unit of every level, every value of every declared
/// attribute, and every unit crossed with every attribute value (the teams as `score`
/// publishes them are fixed first, as that run decides them). Each run then publishes a subset
/// of one decision, so what several runs with different cuts publish together is no more than
/// that one decision shows, and the anonymity engine made that safe.
public struct CutGroups: Sendable {
  /// One group of the universe.
  public struct Group: Sendable {
    public var cut: String
    public var name: String
    /// The group it nests in (an index into ``CutGroups/groups``; nil = the organisation), for
    /// units; for a crossed cell (not nested), the unit it lies in (the engine uses it to
    /// decide large organisations in blocks); attribute values over the organisation have none.
    public var parent: Int?
    /// Whether the group nests in the unit tree.
    public var nested: Bool
    /// Whether this run publishes it.
    public var published: Bool
    /// Per data point, whether another run already published it (nil: decided here), e.g.
    /// a trend's mapped group as `trend` without a cut shows it.
    public var fixed: [Bool]? = nil
    /// Which atoms it holds, told without listing them (nil: only ``CutGroups/place`` tells,
    /// as for a trend's merged group). See ``CutLayout``, which checks it against `place`.
    public var span: Span? = nil

    public init(cut: String, name: String, parent: Int? = nil, nested: Bool, published: Bool) {
      self.cut = cut
      self.name = name
      self.parent = parent
      self.nested = nested
      self.published = published
    }
  }

  /// A group's atoms as a line of the unit tree filtered by an attribute's value: with atoms
  /// numbered in the tree's order (``CutLayout``) a range, or a range filtered by a column.
  public struct Span: Sendable, Equatable {
    // Three 32-bit words (-1: none), as a universe may hold a million groups.
    private let unitCode: Int32
    private let attributeCode: Int32
    /// The value's code (see ``CutGroups/valueCode(_:attribute:)``).
    public let value: Int32

    /// The nested group whose whole line it lies in (nil: every atom placed in a unit).
    public var unit: Int? { unitCode < 0 ? nil : Int(unitCode) }
    /// The attribute whose value it keeps (by position; nil: every atom of the line).
    public var attribute: Int? { attributeCode < 0 ? nil : Int(attributeCode) }

    public init(unit: Int?, attribute: Int? = nil, value: Int32 = 0) {
      unitCode = Int32(unit ?? -1)
      attributeCode = Int32(attribute ?? -1)
      self.value = value
    }
  }

  /// Every group, each nested group after its parent.
  public var groups: [Group]
  /// For an atom's key: its team, the group its team nests in (nil = the organisation), and
  /// every group it belongs to.
  public var place: @Sendable (String) -> (team: String, teamParent: Int?, groups: [Int])
  /// Whether the run publishes a team as it is (a team above the unit level published).
  public var publishedTeam: @Sendable (String) -> Bool

  public init(
    groups: [Group], place: @escaping @Sendable (String) -> (team: String, teamParent: Int?, groups: [Int]),
    publishedTeam: @escaping @Sendable (String) -> Bool = { _ in false }
  ) {
    self.groups = groups
    self.place = place
    self.publishedTeam = publishedTeam
  }

  /// The code of attribute `a` in a key's values (see `AttributeKey.split`): 0 when not given
  /// (or not keyed), else the value's index + 1.
  public static func valueCode(_ values: [Int?], attribute a: Int) -> Int32 {
    a < values.count ? Int32(values[a].map { $0 + 1 } ?? 0) : 0
  }

  /// The unit each published group nests in, by the groups' names (nil: the organisation): a
  /// unit's parent unit, or for a team published as it is, the unit its cell names. Groups that
  /// do not nest (attribute values, crossed cuts) are not listed.
  public func parents(keys: [String]) -> [String: String?] {
    var parents: [String: String?] = [:]
    // updateValue: a top unit's nil parent (the organisation) is a value, not a removal.
    for group in groups where group.published && group.nested { parents.updateValue(group.parent.map { groups[$0].name }, forKey: group.name) }
    for key in keys {
      let place = place(key)
      if publishedTeam(place.team) { parents.updateValue(place.teamParent.map { groups[$0].name }, forKey: place.team) }
    }
    return parents
  }
}
