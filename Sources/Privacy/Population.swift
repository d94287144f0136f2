/// What a run is about to publish, reduced to what the anonymity rules need: the finest
/// groups of respondents (atoms, e.g. the teams as they appear in the responses) with how
/// many respondents are behind each data point, and the published groups built from them.
///
/// Published groups form a tree under the organisation (node 0): every group names its
/// parent, its atoms are a subset of its parent's, and siblings are disjoint. Teams are the
/// organisation's children; a trend mapping's merged group is the parent of the teams it
/// pools; a hierarchy's units nest the same way. Decisions already published by another run
/// (a wave's `score` when `trend` maps its teams) are given as fixed and never change.
public struct Population: Sendable {
  /// One atom: respondents with at least one answer, and respondents behind each data point.
  public struct Atom: Sendable {
    public var respondents: Int
    public var counts: [Int]
    public init(respondents: Int, counts: [Int]) {
      self.respondents = respondents
      self.counts = counts
    }
  }

  /// A published group.
  public struct Group: Sendable {
    /// What kind of cut the group belongs to (`team`, `mapped team`, later `unit:2`...).
    public var cut: String
    public var name: String
    /// The atoms it pools (indices into ``Population/atoms``), as a range or a filtered range
    /// where the atoms' order allows (see ``AtomSet``).
    public var members: AtomSet
    /// The atoms it pools, listed (``members`` holds them without a list where it can).
    public var atoms: [Int] {
      get { members.list }
      set { members = AtomSet(newValue) }
    }
    /// Its parent group (0 = the organisation).
    public var parent: Int
    /// Per data point, whether an earlier run already showed it (nil = decided here).
    public var fixed: [Bool]?
    /// Whether the group is part of the tree (false: added with
    /// ``Population/addOverlapping(_:)``, it may overlap any other group).
    public internal(set) var nested = true
    /// ``within`` as a 32-bit word beside ``nested`` (-1: none): a universe may hold a million
    /// groups.
    private var withinCode: Int32 = -1
    /// For a group added with ``Population/addOverlapping(_:)``: the group given as its parent
    /// (a crossed cell's unit), which it lies in. A hint for deciding large problems in blocks.
    public internal(set) var within: Int? {
      get { withinCode < 0 ? nil : Int(withinCode) }
      set { withinCode = Int32(newValue ?? -1) }
    }
    public init(cut: String, name: String, atoms: [Int], parent: Int = 0, fixed: [Bool]? = nil) {
      self.init(cut: cut, name: name, members: AtomSet(atoms), parent: parent, fixed: fixed)
    }
    public init(cut: String, name: String, members: AtomSet, parent: Int = 0, fixed: [Bool]? = nil) {
      self.cut = cut
      self.name = name
      self.members = members
      self.parent = parent
      self.fixed = fixed
    }
  }

  /// A named data point (e.g. a dimension) and the framework whose index is made from it.
  public struct DataPoint: Sendable {
    public var name: String
    public var framework: Int
    public init(name: String, framework: Int) {
      self.name = name
      self.framework = framework
    }
  }

  public var dataPoints: [DataPoint]
  public var atoms: AtomTotals
  /// Each atom's place in the atoms' own order (e.g. of their names; nil: their numbering).
  /// The engine breaks its ties by it (the overlap rule numbers its cells by their first atom
  /// in this order), so a decision does not depend on how the atoms are numbered: a caller
  /// may number them so that groups are ranges (see ``AtomSet``) and give their order here.
  public var atomOrder: [Int]? = nil
  /// Node 0 is the organisation (every atom); the rest in any order, parents first.
  public private(set) var groups: [Group]

  /// - Parameters:
  ///   - organisation: the label of the organisation row.
  ///   - organisationFixed: per data point, whether an earlier run already showed the
  ///     organisation's number (nil = decided here).
  public init(dataPoints: [DataPoint], atoms: [Atom], organisation: String, organisationFixed: [Bool]? = nil) {
    self.init(
      dataPoints: dataPoints, atoms: AtomTotals(atoms, width: dataPoints.count), organisation: organisation, organisationFixed: organisationFixed)
  }

  /// The same, with the atoms held flat (see ``AtomTotals``), one count per data point each.
  public init(dataPoints: [DataPoint], atoms: AtomTotals, organisation: String, organisationFixed: [Bool]? = nil) {
    precondition(atoms.width == dataPoints.count, "one count per data point")
    self.dataPoints = dataPoints
    self.atoms = atoms
    groups = [Group(cut: "organisation", name: organisation, members: AtomSet(range: atoms.indices), parent: -1, fixed: organisationFixed)]
  }

  /// Adds a published group and returns its node number.
  /// - Precondition: its parent was added before it.
  @discardableResult
  public mutating func add(_ group: Group) -> Int {
    precondition(group.parent >= 0 && group.parent < groups.count, "parents are added first")
    groups.append(group)
    return groups.count - 1
  }

  /// Adds a published group that need not nest in the tree (an attribute's value, a unit
  /// crossed with an attribute, a unit of one level beside another level's): it may overlap
  /// any group. Its `parent` names the group it lies in, if any (a crossed cell's unit). Such groups are decided by the overlap rule (see ``AnonymityEngine``).
  @discardableResult
  public mutating func addOverlapping(_ group: Group) -> Int {
    var group = group
    group.within = group.parent
    group.parent = 0
    group.nested = false
    groups.append(group)
    return groups.count - 1
  }

  /// Makes room for `count` groups in all (a universe's size is known before it is added).
  public mutating func reserveGroups(_ count: Int) { groups.reserveCapacity(count) }

  /// Whether some group overlaps the tree.
  public var hasOverlaps: Bool { groups.contains { !$0.nested } }
}
