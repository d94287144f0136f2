import Statistics
import SurveyModel
import Testing

@testable import Organisation
@testable import Scoring

/// `score --by` (and `compare`, `trend`, `report`, `comments`, `selections`) number the atoms in
/// the unit tree's order (``CutLayout``) so that each unit is a range of atoms and each unit ×
/// value cell a range filtered by the attribute's column: each group holds exactly the atoms
/// ``CutGroups/place`` gives it, none is a list, and the engine decides the universe exactly as
/// it did with the atoms numbered by name and every group listed.
@Suite struct CutLayoutTests {
  /// A random organisation, listed parents first but not in the tree's order (level by level),
  /// and keys: teams naming units by id or by name (leaves and units above them), with codes
  /// for some attributes, all of them, or none; sometimes a team no unit has.
  static func organisation(_ rng: inout SplitMix64) -> (chart: OrgChart, attributes: [Attribute], keys: [String]) {
    var levels: [[(id: String, parent: Int?)]] = [(0..<Int.random(in: 1...3, using: &rng)).map { ("u\($0)", nil) }]
    for _ in 0..<Int.random(in: 0...2, using: &rng) {
      let above = levels.count == 1 ? 0 : levels.dropLast().reduce(0) { $0 + $1.count }
      var next: [(String, Int?)] = []
      for (p, parent) in levels.last!.enumerated() {
        for c in 0..<Int.random(in: 0...3, using: &rng) { next.append(("\(parent.id).\(c)", above + p)) }
      }
      if next.isEmpty { break }
      levels.append(next)
    }
    var units: [OrgChart.Unit] = []
    for (l, level) in levels.enumerated() {
      for unit in level { units.append(.init(id: unit.id, name: "Unit \(unit.id)", parent: unit.parent, level: l + 1)) }
    }
    let attributes = (0..<Int.random(in: 0...3, using: &rng)).map { a in
      Attribute(name: "a\(a)", values: (0..<Int.random(in: 1...3, using: &rng)).map { "v\($0)" })
    }
    var keys = Set<String>()
    for unit in units where Double.random(in: 0...1, using: &rng) < 0.7 {
      let team = Bool.random(using: &rng) ? unit.id : unit.name
      for _ in 0..<Int.random(in: 1...6, using: &rng) {
        let coded = Int.random(in: 0...attributes.count, using: &rng)
        let values = attributes.prefix(coded).map { a in Int.random(in: -1..<a.values.count, using: &rng) }
        keys.insert(coded == 0 ? team : AttributeKey.compose(team: team, values: values.map { $0 < 0 ? nil : $0 }))
      }
    }
    if keys.isEmpty { keys.insert(units[0].id) }
    return (OrgChart(units: units, file: "org.yaml"), attributes, keys.sorted())
  }

  @Test func eachGroupHoldsExactlyItsAtomsAsARangeOrAFilteredRange() throws {
    var rng = SplitMix64(seed: 20_261_203)
    var spans = 0
    for _ in 0..<300 {
      let (chart, attributes, keys) = Self.organisation(&rng)
      let cuts = try CutPlan("unit", chart: chart, attributes: attributes).groups(keys: keys)
      let layout = CutLayout(keys: keys, cuts: cuts)
      #expect(layout.original.sorted() == Array(keys.indices))
      var members = [Set<Int>](repeating: [], count: cuts.groups.count)
      var teams: [String: Set<Int>] = [:]
      for (j, key) in keys.enumerated() {
        let place = cuts.place(key)
        for g in place.groups { members[g].insert(j) }
        teams[place.team, default: []].insert(j)
      }
      for (g, group) in layout.groups.enumerated() {
        #expect(Set(group.atoms.map { layout.original[$0] }) == members[g], "\(cuts.groups[g].name) of \(keys)")
        #expect(layout.sizes[g] == members[g].count)
        #expect(!group.members.isList, "\(cuts.groups[g].name) is listed")
        spans += 1
      }
      #expect(layout.teams.map(\.name) == teams.keys.sorted())
      for team in layout.teams {
        #expect(Set(team.atoms.map { layout.original[$0] }) == teams[team.name])
        #expect(!team.members.isList)
      }
    }
    #expect(spans > 3_000)
  }

  /// A span that does not hold what `place` gives (here: a unit's span moved to another unit)
  /// is not trusted: the group is listed, with exactly its atoms.
  @Test func aSpanThatDoesNotHoldIsListed() throws {
    let chart = OrgChart(
      units: [.init(id: "a", name: "A"), .init(id: "b", name: "B"), .init(id: "a1", name: "A1", parent: 0, level: 2)], file: "org.yaml")
    var cuts = try CutPlan("unit", chart: chart, attributes: []).groups(keys: ["a", "a1", "b"])
    cuts.groups[0].span = .init(unit: 1)
    let layout = CutLayout(keys: ["a", "a1", "b"], cuts: cuts)
    #expect(layout.groups[0].members.isList)
    #expect(Set(layout.groups[0].atoms.map { layout.original[$0] }) == [0, 1])
    #expect(!layout.groups[1].members.isList)
  }

  /// The decision over the universe with the atoms in the tree's order and groups as ranges is
  /// the decision with the atoms numbered by name and every group listed (as `score --by`
  /// numbered them before), group by group, data point by data point, audit included.
  @Test func theUniverseIsDecidedAsWithAtomsNumberedByName() throws {
    var rng = SplitMix64(seed: 20_261_204)
    var withheld = 0
    for _ in 0..<200 {
      let (chart, attributes, keys) = Self.organisation(&rng)
      let cuts = try CutPlan("unit", chart: chart, attributes: attributes).groups(keys: keys)
      let atoms = keys.map { _ in
        let size = Int.random(in: 0...6, using: &rng)
        return Population.Atom(respondents: size, counts: [size, max(0, size - Int.random(in: 0...2, using: &rng))])
      }
      let points = [Population.DataPoint(name: "d0", framework: 0), .init(name: "d1", framework: 0)]
      // Before: atoms by name, each group the list `place` gives.
      var teamAtoms: [String: [Int]] = [:]
      var teamParent: [String: Int?] = [:]
      var members = [[Int]](repeating: [], count: cuts.groups.count)
      for (j, key) in keys.enumerated() {
        let place = cuts.place(key)
        teamAtoms[place.team, default: []].append(j)
        teamParent[place.team] = place.teamParent
        for g in place.groups { members[g].append(j) }
      }
      let threshold = Int.random(in: 3...5, using: &rng)
      let decide = { (p: Population) in AnonymityEngine.decide(p, policy: PrivacyPolicy(minGroupSize: threshold)) }
      let listed = CutDecision(
        dataPoints: points, atoms: AtomTotals(atoms, width: points.count), organisation: "(all teams)",
        teams: teamAtoms.keys.sorted().map { .init(name: $0, atoms: teamAtoms[$0]!, parent: teamParent[$0]!) },
        groups: cuts.groups.enumerated().map { g, group in
          .init(cut: group.cut, name: group.name, atoms: members[g], parent: group.parent, nested: group.nested, fixed: group.fixed)
        }, decide: decide)
      let layout = CutLayout(keys: keys, cuts: cuts)
      let ranged = CutDecision(
        dataPoints: points, atoms: AtomTotals(layout.original.map { atoms[$0] }, width: points.count), organisation: "(all teams)",
        teams: layout.teams,
        groups: layout.groups, atomOrder: layout.original, decide: decide)
      #expect(listed.nodes == ranged.nodes)
      for node in 0..<(cuts.groups.count + layout.teams.count + 1) {
        for d in points.indices {
          #expect(listed.universe.shows(node, dataPoint: d) == ranged.universe.shows(node, dataPoint: d), "node \(node) of \(keys)")
          if !listed.universe.shows(node, dataPoint: d) { withheld += 1 }
        }
      }
      for node in 0..<(layout.teams.count + 1) {
        for d in points.indices { #expect(listed.teams.shows(node, dataPoint: d) == ranged.teams.shows(node, dataPoint: d)) }
      }
      #expect(listed.universe.audit == ranged.universe.audit)
    }
    #expect(withheld > 500)
  }
}
