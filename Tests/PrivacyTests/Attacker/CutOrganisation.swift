import Statistics

@testable import Privacy

/// A generated organisation published through overlapping cuts: a unit tree (every level at
/// once), one or two attributes (each value over the whole organisation), and units of a
/// level crossed with an attribute. Atoms are (leaf unit, attribute values); each has a count
/// per data point and a true score sum, so the attacker can check what it recovers.
struct CutOrganisation {
  var population: Population
  var threshold: Int
  /// True score sum behind each data point of each atom.
  var sums: [[Int]]
  var description: String

  static let dataPoints = 2

  /// - Parameters:
  ///   - depths, fan: the tree's levels and children per unit.
  ///   - universe: publish what a run that cuts decides (`CutGroups`): every value of every
  ///     attribute, every unit of every level crossed with every value, and the teams (the
  ///     leaves) fixed as a run by team decides them; else a random choice of cuts.
  static func random(
    _ rng: inout SplitMix64, depths: ClosedRange<Int> = 2...3, fan: ClosedRange<Int> = 1...3, universe: Bool = false
  ) -> CutOrganisation {
    // The tree: 2–3 levels, 1–3 children per unit.
    let depth = Int.random(in: depths, using: &rng)
    var units: [(name: String, parent: Int?, level: Int)] = []
    func grow(_ parent: Int?, level: Int, prefix: String) {
      for c in 0..<Int.random(in: fan, using: &rng) {
        let name = prefix.isEmpty ? "U\(c)" : "\(prefix).\(c)"
        units.append((name, parent, level))
        let me = units.count - 1
        if level < depth { grow(me, level: level + 1, prefix: name) }
      }
    }
    grow(nil, level: 1, prefix: "")
    let leaves = units.indices.filter { u in !units.contains { $0.parent == u } }
    let attributes = (0..<Int.random(in: 1...2, using: &rng)).map { _ in Int.random(in: 2...3, using: &rng) }
    var combos: [[Int]] = [[]]
    for values in attributes { combos = combos.flatMap { c in (0..<values).map { c + [$0] } } }
    // Atoms: many of 1–4 people, some empty, a data point someone skipped.
    var atoms: [Population.Atom] = []
    var atomLeaf: [Int] = []
    var atomValues: [[Int]] = []
    var sums: [[Int]] = []
    for leaf in leaves {
      for combo in combos where Double.random(in: 0...1, using: &rng) < 0.7 {
        let size = Bool.random(using: &rng) ? Int.random(in: 1...4, using: &rng) : Int.random(in: 3...12, using: &rng)
        let counts = (0..<dataPoints).map { d in d == 0 ? size : max(0, size - Int.random(in: 0...2, using: &rng)) }
        atoms.append(.init(respondents: size, counts: counts))
        atomLeaf.append(leaf)
        atomValues.append(combo)
        sums.append(counts.map { n in (0..<n).reduce(0) { s, _ in s + Int.random(in: 1...5, using: &rng) } })
      }
    }
    if atoms.isEmpty {
      atoms.append(.init(respondents: 6, counts: [6, 6]))
      atomLeaf.append(leaves[0])
      atomValues.append(combos[0])
      sums.append([18, 18])
    }
    let within = { (unit: Int, atom: Int) -> Bool in
      var u: Int? = atomLeaf[atom]
      while let x = u {
        if x == unit { return true }
        u = units[x].parent
      }
      return false
    }
    var p = Population(dataPoints: (0..<dataPoints).map { .init(name: "d\($0)", framework: 0) }, atoms: atoms, organisation: "(all)")
    var node: [Int: Int] = [:]
    for (u, unit) in units.enumerated() {
      let members = atoms.indices.filter { within(u, $0) }
      node[u] = p.add(.init(cut: "unit:\(unit.level)", name: unit.name, atoms: members, parent: unit.parent.flatMap { node[$0] } ?? 0))
    }
    var families = ["unit (all levels)"]
    if universe {
      let threshold = Int.random(in: 3...5, using: &rng)
      // The teams as a run by team decides them, fixed; then every value and crossed cell.
      var teams = Population(dataPoints: p.dataPoints, atoms: atoms, organisation: "(all)")
      for leaf in leaves { teams.add(.init(cut: "team", name: "team \(units[leaf].name)", atoms: atoms.indices.filter { atomLeaf[$0] == leaf })) }
      let decided = AnonymityEngine.decide(teams, policy: PrivacyPolicy(minGroupSize: threshold))
      let fixed = { (node: Int) in (0..<dataPoints).map { decided.shows(node, dataPoint: $0) } }
      var universe = Population(dataPoints: p.dataPoints, atoms: atoms, organisation: "(all)", organisationFixed: fixed(0))
      for g in p.groups.indices.dropFirst() { universe.add(p.groups[g]) }
      for (i, values) in attributes.enumerated() {
        for v in 0..<values {
          universe.addOverlapping(.init(cut: "a\(i)", name: "a\(i)=\(v)", atoms: atoms.indices.filter { atomValues[$0][i] == v }))
        }
        for u in units.indices {
          for v in 0..<values {
            universe.addOverlapping(
              .init(
                cut: "unit:\(units[u].level) × a\(i)", name: "\(units[u].name) × a\(i)=\(v)",
                atoms: atoms.indices.filter { within(u, $0) && atomValues[$0][i] == v }, parent: node[u]!))
          }
        }
      }
      for (t, leaf) in leaves.enumerated() {
        universe.add(.init(cut: "team", name: "team \(units[leaf].name)", atoms: teams.groups[t + 1].atoms, parent: node[leaf]!, fixed: fixed(t + 1)))
      }
      return CutOrganisation(
        population: universe, threshold: threshold, sums: sums,
        description: "universe: \(units.count) units, \(atoms.count) atoms, attributes \(attributes)")
    }
    // Attribute values over the whole organisation, and crossed cuts.
    for (i, values) in attributes.enumerated() {
      if Bool.random(using: &rng) || attributes.count == 1 {
        families.append("a\(i)")
        for v in 0..<values {
          p.addOverlapping(.init(cut: "a\(i)", name: "a\(i)=\(v)", atoms: atoms.indices.filter { atomValues[$0][i] == v }))
        }
      }
      if Bool.random(using: &rng) {
        let level = Int.random(in: 1...depth, using: &rng)
        families.append("unit:\(level) × a\(i)")
        for u in units.indices where units[u].level == level {
          for v in 0..<values {
            p.addOverlapping(
              .init(
                cut: "unit:\(level) × a\(i)", name: "\(units[u].name) × a\(i)=\(v)",
                atoms: atoms.indices.filter { within(u, $0) && atomValues[$0][i] == v }, parent: node[u]!))
          }
        }
      }
    }
    return CutOrganisation(
      population: p, threshold: Int.random(in: 3...5, using: &rng), sums: sums,
      description: "\(units.count) units, \(atoms.count) atoms, attributes \(attributes), cuts \(families)")
  }

  /// What an attacker recovers from every shown (group, data point) total: any withheld
  /// group's total, or any set of up to three atoms behind fewer than `threshold` respondents,
  /// by exact rational linear algebra (independent of the engine's modular arithmetic).
  func attack(_ disclosure: Disclosure) -> [String] {
    var found: [String] = []
    let groups = population.groups
    for d in 0..<Self.dataPoints {
      let n = population.atoms.map { $0.counts[d] }
      let live = n.indices.filter { n[$0] > 0 }
      guard !live.isEmpty else { continue }
      let column = Dictionary(uniqueKeysWithValues: live.enumerated().map { ($1, $0) })
      var system = LinearSystem(unknowns: live.count)
      for g in groups.indices where disclosure.shows(g, dataPoint: d) {
        var row = [Rational](repeating: .zero, count: live.count)
        var value = 0
        for a in groups[g].atoms where n[a] > 0 {
          row[column[a]!] = .one
          value += sums[a][d]
        }
        system.add(row, value: Double(value))
      }
      func check(_ atoms: [Int], _ what: String) {
        let members = atoms.filter { n[$0] > 0 }
        guard !members.isEmpty else { return }
        var target = [Rational](repeating: .zero, count: live.count)
        for a in members { target[column[a]!] = .one }
        if let value = system.determined(target) {
          let truth = members.reduce(0) { $0 + sums[$1][d] }
          found.append("\(what) on d\(d) (n = \(members.reduce(0) { $0 + n[$1] }), sum \(value), true \(truth))")
        }
      }
      for g in groups.indices where disclosure.withheld(g, dataPoint: d) != nil {
        check(groups[g].atoms, "withheld \(groups[g].name)")
      }
      for i in live.indices where n[live[i]] < threshold {
        check([live[i]], "atom \(live[i])")
        for j in (i + 1)..<live.count where n[live[i]] + n[live[j]] < threshold {
          check([live[i], live[j]], "atoms \(live[i]) + \(live[j])")
          for l in (j + 1)..<live.count where n[live[i]] + n[live[j]] + n[live[l]] < threshold {
            check([live[i], live[j], live[l]], "atoms \(live[i]) + \(live[j]) + \(live[l])")
          }
        }
      }
    }
    return found
  }
}
