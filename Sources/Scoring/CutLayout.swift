import Privacy
import SurveyModel

/// The atoms of a run that cuts the organisation, numbered in the order of a depth-first walk
/// of the unit tree, with the teams and the universe's groups of a ``CutGroups`` as the engine
/// takes them: a unit and a team are one range of atoms, an attribute's value and a unit
/// crossed with it the range filtered by the attribute's column (see ``AtomSet``), so the
/// universe costs a few words per group instead of a list of its atoms.
///
/// Each group's ``CutGroups/Group/span`` is checked against ``CutGroups/place``: a group
/// without one (a trend's merged group), or whose span does not hold exactly the atoms `place`
/// gives it, is listed. The numbering changes no decision (the engine decides alike under any
/// numbering of the atoms: `AtomSetTests`); readers that add up atoms' totals do so in the
/// keys' given order (``original``), so every sum is as before.
public struct CutLayout: Sendable {
  /// For each atom (in the tree's order), its position in the keys given.
  public let original: [Int]
  /// The teams, by name, each a range of atoms, with the universe group it nests in.
  public let teams: [CutDecision.Team]
  /// The universe's groups as the engine takes them, in the order ``CutGroups/groups`` lists
  /// them: each made when read from the universe's record and its atoms, so that a universe
  /// of a million groups is held once (by the engine's population), not once more here.
  public var groups: LazyMapCollection<Range<Int>, CutDecision.Group> {
    let (universe, members) = (universe, members)
    return universe.indices.lazy.map { g in
      let group = universe[g]
      return .init(cut: group.cut, name: group.name, members: members[g], parent: group.parent, nested: group.nested, fixed: group.fixed)
    }
  }
  /// Each universe group's atoms.
  public let members: [AtomSet]
  private let universe: [CutGroups.Group]
  /// The number of atoms of each group.
  public let sizes: [Int]

  /// - Parameters:
  ///   - keys: the atoms' keys (a team, or a team with its attribute codes), in any order.
  ///   - cuts: the universe.
  public init(keys: [String], cuts: CutGroups) {
    let universe = cuts.groups
    let tree = Self.walk(universe)
    let attributeCount = universe.reduce(0) { max($0, ($1.span?.attribute ?? -1) + 1) }
    // 1. Where each atom lies: its team, its unit's place in the walk and its attribute codes;
    // each group's size, and whether its span holds what `place` gives it.
    var teamIndex = NameIndex()
    var teamParents: [Int?] = []
    var teamRanks: [Int32] = []
    var atomTeam = [Int32](repeating: 0, count: keys.count)
    var codes = [[Int32]](repeating: [Int32](repeating: 0, count: keys.count), count: attributeCount)
    var sizes = [Int](repeating: 0, count: universe.count)
    var listed = [Bool](repeating: false, count: universe.count)
    var spanless: [(group: Int32, key: Int32)] = []
    for (j, key) in keys.enumerated() {
      let place = cuts.place(key)
      let teamsBefore = teamIndex.names.count
      let t = Int32(teamIndex.number(of: place.team))
      if Int(t) == teamsBefore {  // a new team
        teamParents.append(place.teamParent)
        teamRanks.append(place.teamParent.map { tree.rank[$0] }.flatMap { $0 >= 0 ? $0 : nil } ?? .max)
      }
      atomTeam[j] = t
      let rank = teamRanks[Int(t)]
      let values = attributeCount == 0 ? [] : AttributeKey.split(key).values
      for a in 0..<attributeCount { codes[a][j] = CutGroups.valueCode(values, attribute: a) }
      for g in place.groups {
        sizes[g] += 1
        guard let span = universe[g].span else {
          spanless.append((Int32(g), Int32(j)))
          continue
        }
        if !listed[g], !Self.holds(span, rank: rank, codes: codes, atom: j, tree: tree) { listed[g] = true }
      }
    }
    let teamNames = teamIndex.names
    // 2. The tree's order: by the unit's place in the walk, then team name, then as given.
    let teamOrder = Self.positions(of: teamNames.indices.sorted { teamNames[$0] < teamNames[$1] })
    let original = keys.indices.sorted {
      let (a, b) = (Int(atomTeam[$0]), Int(atomTeam[$1]))
      return (teamRanks[a], teamOrder[a], $0) < (teamRanks[b], teamOrder[b], $1)
    }
    let position = Self.positions(of: original)
    let ranks = original.map { teamRanks[Int(atomTeam[$0])] }
    let columns = codes.map { column in original.map { column[$0] } }
    let placed = ranks.partitioningIndex { $0 == .max }
    // 3. The groups: a span where it holds exactly the group's atoms, else a list.
    var members = [AtomSet?](repeating: nil, count: universe.count)
    for (g, group) in universe.enumerated() where !listed[g] {
      guard let span = group.span else { continue }
      var range = 0..<placed
      if let u = span.unit {
        let (first, count) = (tree.rank[u], tree.size[u])
        guard first >= 0 else {
          listed[g] = true
          continue
        }
        range = ranks.partitioningIndex { $0 >= first }..<ranks.partitioningIndex { $0 >= first + count }
      }
      let set = span.attribute.map { AtomSet(range: range, column: columns[$0], value: span.value) } ?? AtomSet(range: range)
      if set.reduce(0, { n, _ in n + 1 }) == sizes[g] { members[g] = set } else { listed[g] = true }
    }
    var lists = [[Int]](repeating: [], count: universe.count)
    for (g, j) in spanless { lists[Int(g)].append(position[Int(j)]) }
    if listed.contains(true) {
      for (j, key) in keys.enumerated() {
        for g in cuts.place(key).groups where listed[g] { lists[g].append(position[j]) }
      }
    }
    self.members = members.indices.map { g in members[g] ?? AtomSet(lists[g].sorted()) }
    self.universe = universe
    // The teams: each one range (a team's atoms share its unit's place in the walk).
    var first = [Int](repeating: .max, count: teamNames.count)
    var last = [Int](repeating: -1, count: teamNames.count)
    for (i, j) in original.enumerated() {
      let t = Int(atomTeam[j])
      (first[t], last[t]) = (min(first[t], i), max(last[t], i))
    }
    teams = teamNames.indices.sorted { teamNames[$0] < teamNames[$1] }.map { t in
      .init(name: teamNames[t], members: AtomSet(range: first[t]..<(last[t] + 1)), parent: teamParents[t])
    }
    self.original = original
    self.sizes = sizes
  }

  /// The nested groups' places in a depth-first walk (parents before children, children in
  /// their order; -1: not in the tree) and the nested groups under each, itself included.
  private static func walk(_ groups: [CutGroups.Group]) -> (rank: [Int32], size: [Int32]) {
    var children = [[Int]](repeating: [], count: groups.count)
    var stack: [Int] = []
    for (g, group) in groups.enumerated() where group.nested {
      if let p = group.parent { children[p].append(g) } else { stack.append(g) }
    }
    stack.reverse()
    var rank = [Int32](repeating: -1, count: groups.count)
    var size = [Int32](repeating: 0, count: groups.count)
    var walked: [Int] = []
    while let g = stack.popLast() {
      rank[g] = Int32(walked.count)
      walked.append(g)
      stack += children[g].reversed()
    }
    for g in walked.reversed() {
      size[g] += 1
      if let p = groups[g].parent { size[p] += size[g] }
    }
    return (rank, size)
  }

  /// Whether an atom (at `rank` in the walk, with `codes`) lies in a span.
  private static func holds(_ span: CutGroups.Span, rank: Int32, codes: [[Int32]], atom: Int, tree: (rank: [Int32], size: [Int32])) -> Bool {
    guard rank != .max else { return false }
    if let u = span.unit {
      let first = tree.rank[u]
      guard first >= 0, rank >= first, rank < first + tree.size[u] else { return false }
    }
    return span.attribute.map { codes[$0][atom] == span.value } ?? true
  }

  /// The inverse of a permutation.
  private static func positions(of permutation: [Int]) -> [Int] {
    var out = [Int](repeating: 0, count: permutation.count)
    for (i, p) in permutation.enumerated() { out[p] = i }
    return out
  }
}

extension Array where Element: Comparable {
  /// The first index whose element satisfies `belongs`, in an array where every element that
  /// satisfies it comes after every one that does not.
  fileprivate func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
    var (low, high) = (0, count)
    while low < high {
      let mid = (low + high) / 2
      if belongs(self[mid]) { high = mid } else { low = mid + 1 }
    }
    return low
  }
}
