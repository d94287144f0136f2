import SurveyModel

/// The overlap rule: for one data point, withholds published groups until no combination of
/// the published totals (sums and differences of any published groups, of any cut)
/// determines a withheld group's number or the number of any set of respondents smaller than
/// the threshold.
///
/// The published groups cut the respondents into *cells*: atoms that every published group
/// either contains or not alike. Nothing published tells the atoms of a cell apart, so every
/// determined quantity is a sum over whole cells; it is determined exactly when its cells'
/// indicator lies in the span of the published groups' indicators (``ModularSpan``). The rule
/// checks every withheld group that is a union of cells, and every set of cells behind fewer
/// than `k` respondents (``SmallSetSearch``). While one is determined, the smallest shown group (by respondents on the data
/// point, then name) that every way of recovering it needs is withheld (it is then no longer
/// determined); when every group has a substitute, the smallest one the way found uses.
/// Decisions of earlier runs (fixed groups) never change.
struct OverlapRule {
  struct Group {
    var name: String
    var atoms: AtomSet
    var fixed: Bool
    /// Whether it nests in the tree (units, teams): such groups are withheld only when no
    /// overlapping group (an attribute value, a crossed cell) would do.
    var nested: Bool
    /// For a nested group, its parent; for an overlapping group, the nested group it lies in
    /// (a crossed cell's unit), when known. Used only to cut a large problem into blocks
    /// (``BlockDecomposition``); the decision is sound whatever it says.
    var parent: Int? = nil
    /// In a block's problem (``BlockDecomposition``), whether the group reaches outside the
    /// block: withheld only when none of the block's own groups would do.
    var outside = false
  }

  let groups: Groups
  let atomCount: Int
  let k: Int
  /// The largest problem (published groups × cells) decided in one exact check; above it the
  /// problem is cut into blocks along the unit tree (``BlockDecomposition``).
  var budget = Self.budget
  /// The default of ``budget``.
  static let budget = 120_000
  /// The largest block decided in one exact check (``BlockDecomposition``); above it the
  /// block's overlapping groups are withheld.
  var blockBudget = Self.budget
  /// See ``PrivacyPolicy/blockKeepsOutsideGroups`` (false only in the attacker's self-test).
  var blockKeepsOutsideGroups = true
  /// Each atom's place in the atoms' order (``Population/atomOrder``; nil: their numbering):
  /// cells are numbered by their first atom in it, so no decision depends on the numbering.
  var atomOrder: [Int]? = nil
  /// The most small sets of cells examined; above it the same fallback applies.
  static let smallSetBudget = 200_000
  static let primes: [UInt64] = [2_147_483_647, 2_147_483_629]

  /// What the rule withheld: the group and what it protects, in words (nil: withheld because
  /// the part of the problem it lies in was too large to decide exactly, see
  /// ``BlockDecomposition``).
  enum Outcome {
    case decided([(group: Int, protects: AuditLeak?)])
    /// Something is still determined, but only groups fixed by earlier runs are shown (they
    /// published it already); what was withheld on the way.
    case onlyFixedLeft([(group: Int, protects: AuditLeak?)])
    case tooLarge
  }

  /// - Parameters:
  ///   - counts: respondents behind the data point, per atom.
  ///   - shown: per group, whether it is shown on the data point; updated.
  func decide(counts: [Int], shown: inout [Bool]) -> Outcome {
    let before = shown
    switch decideExactly(counts: counts, shown: &shown) {
    case .tooLarge:
      // Start again from what was shown: the blocks report every group they withhold.
      shown = before
      return BlockDecomposition(rule: self, counts: counts, shown: shown).run(shown: &shown)
    case let decided: return decided
    }
  }

  /// The exact check over the whole problem at once, or `.tooLarge` above ``budget``.
  func decideExactly(counts: [Int], shown: inout [Bool]) -> Outcome {
    let groupCount = groups.map { g in g.atoms.reduce(0) { $0 + counts[$1] } }
    // Decided once, on the first leak (fixed groups never change).
    var twins: Set<Int>? = nil
    var withheld: [(group: Int, protects: AuditLeak?)] = []
    // The atoms in their order (made once, when a partition is first made).
    var visiting: [Int]? = nil
    // Withheld groups found undetermined: they stay so as more is withheld (the span shrinks).
    var undetermined = [Bool](repeating: false, count: groups.count)
    while true {
      let published = groups.indices.filter { shown[$0] && groupCount[$0] > 0 }
      guard published.count <= budget, published.count * Self.disjointLowerBound(groups, published) <= budget else { return .tooLarge }
      if visiting == nil, let order = atomOrder { visiting = (0..<atomCount).sorted { order[$0] < order[$1] } }
      let partition = Partition(groups: groups, published: published, counts: counts, atomCount: atomCount, visiting: visiting)
      guard published.count * partition.cellCounts.count <= budget else { return .tooLarge }
      // The first prime's span keeps how its rows are made of the groups: the same span then
      // names what to withhold when something leaks.
      let cells = partition.cells(of: published)
      let span = partition.span(cells, prime: Self.primes[0], tracked: true)
      let witnesses = [span.witness(), partition.span(cells, prime: Self.primes[1]).witness()]
      let leak: (cells: [Int], words: AuditLeak)
      switch findLeak(partition, witnesses, shown: shown, groupCount: groupCount, undetermined: &undetermined) {
      case .none: return .decided(withheld)
      case .overBudget: return .tooLarge
      case .found(let cells, let words): leak = (cells, words)
      }
      let twinned = twins ?? spannedByFixed(counts: counts, shown: shown)
      twins = twinned
      let candidates = inWithholdingOrder(published.filter { !groups.isFixed($0) && !twinned.contains($0) }, groupCount)
      guard !candidates.isEmpty else { return .onlyFixedLeft(withheld) }
      // Withhold a group that every way of recovering the leak needs, else one that the way
      // found uses, else the smallest.
      let position = Dictionary(uniqueKeysWithValues: published.enumerated().map { ($1, $0) })
      let chosen: Int
      if let way = span.representation(of: leak.cells) {
        // In a block, a group reaching outside it is withheld in the whole publication:
        // the block's own groups go first.
        let own = candidates.filter { !groups[$0].outside }
        let outside = candidates.filter { groups[$0].outside }
        chosen =
          own.first { span.isEssential(position[$0]!, in: way) } ?? own.first { way[position[$0]!] != 0 }
          ?? outside.first { span.isEssential(position[$0]!, in: way) } ?? outside.first { way[position[$0]!] != 0 } ?? candidates[0]
      } else {
        chosen = candidates[0]
      }
      shown[chosen] = false
      withheld.append((chosen, leak.words))
    }
  }

  /// Groups in the order they are withheld in: overlapping groups before nested ones, then
  /// fewer respondents on the data point, then by name.
  func inWithholdingOrder(_ candidates: [Int], _ groupCount: [Int]) -> [Int] {
    candidates.sorted {
      (groups.isNested($0) ? 1 : 0, groupCount[$0], groups[$0].name, $0) < (groups.isNested($1) ? 1 : 0, groupCount[$1], groups[$1].name, $1)
    }
  }

  /// A lower bound on the cells of the published groups, found without making them: nested
  /// groups with a parent (so in the tree) and no published nested group below them are
  /// disjoint and not empty, so each holds a cell of its own. Groups without a parent (a
  /// block's problem) are not counted.
  static func disjointLowerBound(_ groups: Groups, _ published: [Int]) -> Int {
    var covered = [Bool](repeating: false, count: groups.count)
    for g in published where groups.isNested(g) {
      var up = groups[g].parent
      while let x = up, x >= 0, x < groups.count, x != g, !covered[x] {
        covered[x] = true
        up = groups[x].parent
      }
    }
    return published.reduce(0) { $0 + (groups.isNested($1) && groups[$1].parent != nil && !covered[$1] ? 1 : 0) }
  }

  /// Groups whose number the shown groups fixed by earlier runs already determine (a unit's
  /// only cell, a leaf unit and its team, a cell that is a sum of shown teams): that run
  /// publishes it, so withholding them protects nothing. Of the fixed groups, those that nest
  /// (the organisation, teams) are used: their determined sets are the unions of the parts of
  /// each such group not covered by the shown fixed groups below it.
  func spannedByFixed(counts: [Int], shown: [Bool]) -> Set<Int> {
    var piece = [Int](repeating: -1, count: atomCount)
    var pieceSize: [Int: Int] = [:]
    for g in groups.indices where groups.isFixed(g) && groups.isNested(g) && shown[g] {
      for a in groups.atoms(g) where counts[a] > 0 { piece[a] = g }
    }
    for a in 0..<atomCount where piece[a] >= 0 { pieceSize[piece[a], default: 0] += 1 }
    guard !pieceSize.isEmpty else { return [] }
    var spanned = Set<Int>()
    for g in groups.indices where !groups.isFixed(g) {
      var tally: [Int: Int] = [:]
      var outside = false
      for a in groups.atoms(g) where counts[a] > 0 {
        if piece[a] < 0 {
          outside = true
          break
        }
        tally[piece[a], default: 0] += 1
      }
      if !outside, !tally.isEmpty, tally.allSatisfy({ pieceSize[$0.key] == $0.value }) { spanned.insert(g) }
    }
    return spanned
  }

  private enum Leak {
    case none
    case found(cells: [Int], words: AuditLeak)
    case overBudget
  }

  /// The first determined set that must not be, in a fixed order.
  /// - Parameter undetermined: per group, whether it was found undetermined with more shown
  ///   (skipped); updated.
  private func findLeak(
    _ partition: Partition, _ witnesses: [ModularSpan.Witness], shown: [Bool], groupCount: [Int], undetermined: inout [Bool]
  ) -> Leak {
    let determined = { (cells: [Int]) in witnesses.contains { $0.determines(cells) } }
    for g in groups.indices where !shown[g] && groupCount[g] > 0 && !undetermined[g] {
      if let cells = partition.cells(ofUnion: groups.atoms(g)), determined(cells) {
        return .found(cells: cells, words: .numberOf(groups[g].name))
      }
      undetermined[g] = true
    }
    var found: [Int]? = nil
    for witness in witnesses {
      switch SmallSetSearch(counts: partition.cellCounts, k: k, witness: witness, budget: Self.smallSetBudget).run() {
      case .none: continue
      case .overBudget: return .overBudget
      case .found(let cells): found = cells
      }
      break
    }
    guard let found else { return .none }
    let n = found.reduce(0) { $0 + partition.cellCounts[$1] }
    return .found(cells: found, words: .respondents(n))
  }
}

/// The cells that a set of published groups cuts the atoms into (atoms with nobody behind the
/// data point are left out: they add a known zero).
struct Partition {
  let groups: OverlapRule.Groups
  let cellOf: [Int]
  let cellCounts: [Int]
  let counts: [Int]

  /// - Parameter visiting: the atoms in their order (nil: by number); cells are numbered in
  ///   the order of their first atom in it.
  init(groups: OverlapRule.Groups, published: [Int], counts: [Int], atomCount: Int, visiting: [Int]? = nil) {
    self.groups = groups
    self.counts = counts
    // Refined group by group: the atoms of a group leave each class they are in for a new one,
    // so atoms end in the same class exactly when the same published groups hold them.
    var cellOf = [Int](repeating: -1, count: atomCount)
    for a in 0..<atomCount where counts[a] > 0 { cellOf[a] = 0 }
    var split = [-1]  // per class, the position of the group that last split it
    var into = [0]  // per class, the class its atoms in that group moved to
    for (i, g) in published.enumerated() {
      for a in groups.atoms(g) where counts[a] > 0 {
        let old = cellOf[a]
        guard split[old] != -2 - i else { continue }  // moved here already (an atom listed twice)
        if split[old] != i {
          split[old] = i
          into[old] = split.count
          split.append(-2 - i)
          into.append(0)
        }
        cellOf[a] = into[old]
      }
    }
    // Cells numbered in the order of their first atom.
    var number = [Int](repeating: -1, count: split.count)
    var cellCount = 0
    let visit = { (a: Int) in
      if counts[a] > 0, number[cellOf[a]] < 0 {
        number[cellOf[a]] = cellCount
        cellCount += 1
      }
    }
    if let visiting { for a in visiting { visit(a) } } else { for a in 0..<atomCount { visit(a) } }
    var cellCounts = [Int](repeating: 0, count: cellCount)
    for a in 0..<atomCount where counts[a] > 0 {
      cellOf[a] = number[cellOf[a]]
      cellCounts[cellOf[a]] += counts[a]
    }
    self.cellOf = cellOf
    self.cellCounts = cellCounts
  }

  /// The cells of each of the groups, ascending.
  func cells(of published: [Int]) -> [[Int]] {
    // A mark per cell (the group's position) instead of a set per group.
    var mark = [Int](repeating: -1, count: cellCounts.count)
    return published.enumerated().map { i, g in
      var cells: [Int] = []
      for a in groups.atoms(g) where counts[a] > 0 && mark[cellOf[a]] != i {
        mark[cellOf[a]] = i
        cells.append(cellOf[a])
      }
      return cells.sorted()
    }
  }

  /// The cells of a group's atoms when the group is a union of whole cells, else nil.
  func cells(ofUnion atoms: AtomSet) -> [Int]? {
    var covered: [Int: Int] = [:]
    for a in atoms where counts[a] > 0 { covered[cellOf[a], default: 0] += counts[a] }
    guard covered.allSatisfy({ cellCounts[$0.key] == $0.value }) else { return nil }
    return covered.keys.sorted()
  }

  /// The span of groups' totals over the cells, given each group's cells (``cells(of:)``).
  /// - Parameter tracked: whether the span keeps how its rows are made of the groups (for
  ///   ``ModularSpan/representation(of:)``).
  func span(_ groupCells: [[Int]], prime: UInt64, tracked: Bool = false) -> ModularSpan {
    var span = ModularSpan(width: cellCounts.count, prime: prime, totals: tracked ? groupCells.count : 0)
    for (i, cells) in groupCells.enumerated() { span.add(cells: cells, total: i) }
    return span
  }
}

extension OverlapRule.Group {
  /// A group given by its atoms, listed.
  init(name: String, atoms: [Int], fixed: Bool, nested: Bool, parent: Int? = nil, outside: Bool = false) {
    self.init(name: name, atoms: AtomSet(atoms), fixed: fixed, nested: nested, parent: parent, outside: outside)
  }
}

extension OverlapRule {
  /// The groups of a problem: listed (a block's problem, made for it), or read in place from
  /// the population's groups (the whole problem), so that a universe of a million groups is
  /// not held a second time for the rule.
  struct Groups: RandomAccessCollection, ExpressibleByArrayLiteral {
    private enum Source {
      case listed([Group])
      case population([Population.Group])
    }
    private let source: Source

    /// Groups made for the rule.
    init(_ groups: [Group]) { source = .listed(groups) }
    init(arrayLiteral groups: Group...) { source = .listed(groups) }

    /// A population's groups as the rule reads them: a nested group's parent (none for the
    /// organisation), an overlapping group's unit (``Population/Group/within``).
    init(population groups: [Population.Group]) { source = .population(groups) }

    var startIndex: Int { 0 }
    var endIndex: Int {
      switch source {
      case .listed(let groups): groups.count
      case .population(let groups): groups.count
      }
    }

    /// Whether group `g` is fixed by an earlier run (read without making the group).
    func isFixed(_ g: Int) -> Bool {
      switch source {
      case .listed(let groups): groups[g].fixed
      case .population(let groups): groups[g].fixed != nil
      }
    }

    /// Whether group `g` nests in the tree.
    func isNested(_ g: Int) -> Bool {
      switch source {
      case .listed(let groups): groups[g].nested
      case .population(let groups): groups[g].nested
      }
    }

    /// The atoms of group `g`.
    func atoms(_ g: Int) -> AtomSet {
      switch source {
      case .listed(let groups): groups[g].atoms
      case .population(let groups): groups[g].members
      }
    }

    subscript(g: Int) -> Group {
      switch source {
      case .listed(let groups): return groups[g]
      case .population(let groups):
        let group = groups[g]
        return Group(
          name: group.name, atoms: group.members, fixed: group.fixed != nil, nested: group.nested,
          parent: group.nested ? (group.parent >= 0 ? group.parent : nil) : group.within)
      }
    }
  }
}
