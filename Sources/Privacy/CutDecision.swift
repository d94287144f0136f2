import SurveyModel

/// The one decision of a run that publishes groups of an organisation: the teams are decided
/// first, as a run by team decides them, then every group of the *universe* (every unit of
/// every level, every attribute value, every crossed cell: what any cut of the same responses
/// could publish) is decided against those fixed decisions. A run publishes a subset of it, so
/// what several runs with different cuts publish together is no more than one decision shows.
///
/// Every kind of output goes through it: the numbers of `score`, `compare`, `report` and
/// `trend` (one data point per dimension), the comments of `comments` (one data point per
/// comment item, counting commenters, under the comment threshold) and the percentages of
/// `selections` (one per multi-select item); only the data points and the rule differ.
public struct CutDecision: Sendable {
  /// A team (a group of atoms as the responses name it), and the universe group it nests in.
  public struct Team: Sendable {
    public var name: String
    /// Its atoms (a range when the atoms are in the unit tree's order, see ``AtomSet``).
    public var members: AtomSet
    /// Its atoms, listed.
    public var atoms: [Int] { members.list }
    /// An index into the universe's groups (nil: the organisation).
    public var parent: Int?
    public init(name: String, atoms: [Int], parent: Int?) {
      self.init(name: name, members: AtomSet(atoms), parent: parent)
    }
    public init(name: String, members: AtomSet, parent: Int?) {
      self.name = name
      self.members = members
      self.parent = parent
    }
  }

  /// A group of the universe.
  public struct Group: Sendable {
    public var cut: String
    public var name: String
    /// Its atoms (a range, or a range filtered by an attribute's value, when the atoms are in
    /// the unit tree's order: see ``AtomSet``).
    public var members: AtomSet
    /// Its atoms, listed.
    public var atoms: [Int] { members.list }
    /// For a nested group its parent; for an overlapping one the unit it lies in (an index into
    /// the groups, each nested group after its parent; nil: the organisation).
    public var parent: Int?
    public var nested: Bool
    /// Per data point, whether another run already published it (nil: decided here).
    public var fixed: [Bool]?
    public init(cut: String, name: String, atoms: [Int], parent: Int?, nested: Bool, fixed: [Bool]? = nil) {
      self.init(cut: cut, name: name, members: AtomSet(atoms), parent: parent, nested: nested, fixed: fixed)
    }
    public init(cut: String, name: String, members: AtomSet, parent: Int?, nested: Bool, fixed: [Bool]? = nil) {
      self.cut = cut
      self.name = name
      self.members = members
      self.parent = parent
      self.nested = nested
      self.fixed = fixed
    }
  }

  /// The teams' decision: node 0 is the organisation, team `t` is node `t + 1`.
  public let teams: Disclosure
  /// The universe's decision, with the teams and the organisation fixed as ``teams`` decides.
  public let universe: Disclosure
  /// The node of each universe group in ``universe``.
  public let nodes: [Int]

  /// - Parameters:
  ///   - atoms: the finest groups, with their respondents and counts per data point.
  ///   - teams: the teams, in the order their nodes are numbered.
  ///   - groups: the universe (empty: a run by team).
  ///   - decide: the engine's rule (numbers, or comments with their own threshold).
  ///   - atomOrder: each atom's place in the atoms' own order (see ``Population/atomOrder``;
  ///     nil: their numbering), e.g. by name when they are numbered in the unit tree's order.
  public init(
    dataPoints: [Population.DataPoint], atoms: AtomTotals, organisation: String, teams: [Team], groups: some Collection<Group>,
    atomOrder: [Int]? = nil, decide: (Population) -> Disclosure
  ) {
    var base = Population(dataPoints: dataPoints, atoms: atoms, organisation: organisation)
    base.atomOrder = atomOrder
    for team in teams { base.add(.init(cut: "team", name: team.name, members: team.members)) }
    let decided = decide(base)
    let shown = { (node: Int) in dataPoints.indices.map { decided.shows(node, dataPoint: $0) } }
    var universe = Population(dataPoints: dataPoints, atoms: atoms, organisation: organisation, organisationFixed: shown(0))
    universe.atomOrder = atomOrder
    universe.reserveGroups(1 + groups.count + teams.count)
    var nodes = [Int](repeating: 0, count: groups.count)
    for (g, group) in groups.enumerated() {
      let made = Population.Group(
        cut: group.cut, name: group.name, members: group.members, parent: group.parent.map { nodes[$0] } ?? 0, fixed: group.fixed)
      nodes[g] = group.nested ? universe.add(made) : universe.addOverlapping(made)
    }
    for (t, team) in teams.enumerated() {
      universe.add(.init(cut: "team", name: team.name, members: team.members, parent: team.parent.map { nodes[$0] } ?? 0, fixed: shown(t + 1)))
    }
    self.teams = decided
    self.universe = groups.isEmpty ? decided : decide(universe)
    self.nodes = nodes
  }

  /// The audit of what a run publishes: the organisation and the published teams from the
  /// teams' decision, the published universe groups from the universe's.
  /// - Parameter published: the run's groups, by cut and name.
  public func audit(publishing published: Set<CutName>) -> [AuditEntry] {
    teams.audit { cut, group in cut == "organisation" || (cut == "team" && published.contains(CutName(cut: "team", name: group))) }
      + (nodes.isEmpty ? [] : universe.audit { cut, group in published.contains(CutName(cut: cut, name: group)) })
  }

  /// A published group's cut and name.
  public struct CutName: Hashable, Sendable {
    public var cut: String
    public var name: String
    public init(cut: String, name: String) {
      self.cut = cut
      self.name = name
    }
  }
}
