import Statistics
import Testing

@testable import Privacy

/// Groups held as ranges and filtered ranges (``AtomSet``) instead of lists: each form walks
/// exactly its atoms in ascending order, and the engine decides a population alike whichever
/// form its groups are given in (the bench harness's decision hashes show the same at scale).
@Suite struct AtomSetTests {
  @Test func eachFormWalksItsAtomsInAscendingOrder() {
    var rng = SplitMix64(seed: 41)
    for _ in 0..<2_000 {
      let n = Int.random(in: 0...60, using: &rng)
      let column = (0..<n).map { _ in Int32.random(in: 0...3, using: &rng) }
      let lo = Int.random(in: 0...n, using: &rng)
      let hi = Int.random(in: lo...n, using: &rng)
      let value = Int32.random(in: 0...4, using: &rng)
      #expect(Array(AtomSet(range: lo..<hi)) == Array(lo..<hi))
      let filtered = AtomSet(range: lo..<hi, column: column, value: value)
      #expect(Array(filtered) == (lo..<hi).filter { column[$0] == value })
      #expect(filtered.list == (lo..<hi).filter { column[$0] == value })
      let listed = (0..<n).filter { _ in Bool.random(using: &rng) }
      #expect(Array(AtomSet(listed)) == listed)
    }
    #expect(Array([4, 7] as AtomSet) == [4, 7])
  }

  /// A population's groups given compactly where their atoms allow it: a run of atoms as a
  /// range, else a unit's cell as its atoms' span filtered by an attribute's column (read off
  /// the attribute's value groups). Only forms that walk exactly the group's atoms are used.
  static func compact(_ population: Population) -> (Population, ranges: Int, filtered: Int) {
    var columns: [[Int32]] = []
    var columnOf: [String: Int] = [:]
    // An attribute's values over the whole organisation lie within the organisation (node 0).
    for g in population.groups where !g.nested && (g.within ?? 0) == 0 {
      if columnOf[g.cut] == nil {
        columnOf[g.cut] = columns.count
        columns.append([Int32](repeating: -1, count: population.atoms.count))
      }
      let value = Int32(g.name.split(separator: "=").last.flatMap { Int($0) } ?? -2)
      for a in g.atoms { columns[columnOf[g.cut]!][a] = value }
    }
    var out = Population(
      dataPoints: population.dataPoints, atoms: population.atoms, organisation: population.groups[0].name,
      organisationFixed: population.groups[0].fixed)
    var ranges = 0
    var filtered = 0
    for g in population.groups.dropFirst() {
      var group = g
      let atoms = g.atoms
      if let first = atoms.first, let last = atoms.last {
        if atoms == Array(first...last) {
          group.members = AtomSet(range: first..<(last + 1))
          ranges += 1
        } else if let form = columns.lazy.map({ AtomSet(range: first..<(last + 1), column: $0, value: $0[first]) }).first(where: {
          Array($0) == atoms
        }) {
          group.members = form
          filtered += 1
        }
      }
      out.add(group)
    }
    return (out, ranges, filtered)
  }

  @Test func aUniverseGroupTakesAFewWords() {
    // A universe at a million responses holds about 700,000 groups, each once (issue 13).
    #expect(MemoryLayout<AtomSet>.stride <= 24)
    #expect(MemoryLayout<Population.Group>.stride <= 80)
  }

  @Test func theEngineDecidesCompactGroupsAsListedOnes() {
    var rng = SplitMix64(seed: 20_261_201)
    var ranges = 0
    var filtered = 0
    for _ in 0..<100 {
      let org = CutOrganisation.random(&rng, depths: 2...3, fan: 1...3, universe: true)
      let (compact, r, f) = Self.compact(org.population)
      ranges += r
      filtered += f
      // In blocks (a small exact budget) and at once.
      for budget in [BlockDecompositionTests.budget, OverlapRule.budget] {
        var policy = PrivacyPolicy(minGroupSize: org.threshold)
        policy.exactBudget = budget
        let listed = AnonymityEngine.decide(org.population, policy: policy)
        let held = AnonymityEngine.decide(compact, policy: policy)
        for node in org.population.groups.indices {
          for d in org.population.dataPoints.indices {
            #expect(listed.shows(node, dataPoint: d) == held.shows(node, dataPoint: d), "\(org.description): node \(node), point \(d)")
          }
        }
        #expect(listed.audit == held.audit, "\(org.description)")
      }
    }
    // Units and teams became ranges, crossed cells filtered ranges.
    #expect(ranges > 100)
    #expect(filtered > 100)
  }

  /// The same population with its atoms numbered in another order (each group's atoms mapped
  /// through `permutation`: old atom `a` becomes `permutation[a]`), each atom keeping its place
  /// in the atoms' order (``Population/atomOrder``) when `keepOrder`.
  static func renumbered(_ population: Population, _ permutation: [Int], keepOrder: Bool = true) -> Population {
    var atoms = Array(population.atoms)
    for (old, new) in permutation.enumerated() { atoms[new] = population.atoms[old] }
    var out = Population(
      dataPoints: population.dataPoints, atoms: atoms, organisation: population.groups[0].name,
      organisationFixed: population.groups[0].fixed)
    if keepOrder {
      var order = [Int](repeating: 0, count: atoms.count)
      for (old, new) in permutation.enumerated() { order[new] = old }
      out.atomOrder = order
    }
    for g in population.groups.dropFirst() {
      var group = g
      group.members = AtomSet(g.atoms.map { permutation[$0] }.sorted())
      out.add(group)
    }
    return out
  }

  /// `score --by` numbers its atoms in the unit tree's order (so units are ranges) where it
  /// numbered them by name before. The overlap rule numbers its cells by their first atom and
  /// its search for a leak, and so which group it withholds, follows that numbering: with the
  /// atoms renumbered alone, decisions change (counted here: the finding that made
  /// ``Population/atomOrder``). With each atom's place in the atoms' order given, the decision
  /// is the same under any numbering: every generated universe, its atoms reversed and randomly
  /// permuted, in blocks and at once, every group × data point and the audit.
  @Test func theDecisionDoesNotDependOnTheAtomsNumbering() {
    var rng = SplitMix64(seed: 20_261_202)
    var changedWithoutOrder = 0
    for _ in 0..<100 {
      let org = CutOrganisation.random(&rng, depths: 2...3, fan: 1...3, universe: true)
      let count = org.population.atoms.count
      let reversed = Array((0..<count).reversed())
      let shuffled = Array(0..<count).shuffled(using: &rng)
      for budget in [BlockDecompositionTests.budget, OverlapRule.budget] {
        var policy = PrivacyPolicy(minGroupSize: org.threshold)
        policy.exactBudget = budget
        let before = AnonymityEngine.decide(org.population, policy: policy)
        for permutation in [reversed, shuffled] {
          let after = AnonymityEngine.decide(Self.renumbered(org.population, permutation), policy: policy)
          let unordered = AnonymityEngine.decide(Self.renumbered(org.population, permutation, keepOrder: false), policy: policy)
          for node in org.population.groups.indices {
            for d in org.population.dataPoints.indices {
              #expect(
                before.shows(node, dataPoint: d) == after.shows(node, dataPoint: d),
                "\(org.description), budget \(budget): node \(node) (\(org.population.groups[node].name)), point \(d)")
              if before.shows(node, dataPoint: d) != unordered.shows(node, dataPoint: d) { changedWithoutOrder += 1 }
            }
          }
          #expect(before.audit == after.audit, "\(org.description), budget \(budget)")
        }
      }
    }
    #expect(changedWithoutOrder > 0, "renumbering alone no longer changes a decision: atomOrder may be unneeded")
  }
}
