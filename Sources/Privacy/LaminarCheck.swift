import SurveyModel

/// The overlap rule's exact check for a problem whose shown groups nest in one another (a tree,
/// as a block's units and teams do once its overlapping groups are withheld), at any size: the
/// span of such groups is exactly the unions of their *regions* (the atoms whose smallest shown
/// group is the same), so a set of respondents is determined exactly when it is a union of
/// regions. A shown group that does not nest is allowed when it is itself a union of regions
/// (it adds no equation). Cost: a walk over each shown group's atoms per group withheld.
struct LaminarRegions {
  /// Per atom, the smallest shown nesting group that holds it (-1: none).
  let owner: [Int]
  /// Per group, the shown nesting group just above it (-1: none), for the shown ones.
  let parent: [Int]
  /// Per group, the atoms it owns with someone behind the data point, and their respondents.
  let ownedAtoms: [Int]
  let ownedCount: [Int]

  /// The regions of the shown groups with `nests` true; nil when they do not nest.
  init?(_ groups: OverlapRule.Groups, counts: [Int], shown: [Bool], nests: (Int) -> Bool) {
    let live = { (g: Int) in groups.atoms(g).lazy.filter { counts[$0] > 0 } }
    let size = groups.indices.map { g in shown[g] && nests(g) ? live(g).reduce(0) { n, _ in n + 1 } : 0 }
    // Larger groups first: each group then lies in the one that owns its atoms so far.
    let order = groups.indices.filter { size[$0] > 0 }.sorted { (size[$1], $0) < (size[$0], $1) }
    var owner = [Int](repeating: -1, count: counts.count)
    var parent = [Int](repeating: -1, count: groups.count)
    for g in order {
      var atoms = live(g).makeIterator()
      guard let first = atoms.next() else { continue }
      let above = owner[first]
      for a in live(g) {
        guard owner[a] == above else { return nil }
        owner[a] = g
      }
      parent[g] = above
    }
    var ownedAtoms = [Int](repeating: 0, count: groups.count)
    var ownedCount = [Int](repeating: 0, count: groups.count)
    for a in owner.indices where owner[a] >= 0 && counts[a] > 0 {
      ownedAtoms[owner[a]] += 1
      ownedCount[owner[a]] += counts[a]
    }
    self.owner = owner
    self.parent = parent
    self.ownedAtoms = ownedAtoms
    self.ownedCount = ownedCount
  }

  /// The groups whose regions make up the live atoms of `atoms`, when they are a union of
  /// whole regions (so the shown groups determine their number); else nil.
  func regions(of atoms: AtomSet, _ counts: [Int]) -> Set<Int>? {
    var tally: [Int: Int] = [:]
    for a in atoms where counts[a] > 0 {
      guard owner[a] >= 0 else { return nil }
      tally[owner[a], default: 0] += 1
    }
    guard !tally.isEmpty, tally.allSatisfy({ ownedAtoms[$0.key] == $0.value }) else { return nil }
    return Set(tally.keys)
  }
}

extension OverlapRule {
  /// The exact check through ``LaminarRegions`` when the shown nested groups nest, and at most
  /// 64 other shown groups are not unions of their regions (``RegionsCrossed``); nil otherwise
  /// (or when the small-set search is over its budget). Withholds as
  /// ``decideExactly(counts:shown:)`` does: while a withheld group or a set behind fewer than
  /// `k` respondents is determined, the smallest group that the way to it uses (the block's
  /// own groups before those reaching outside it).
  func decideLaminar(counts: [Int], shown: inout [Bool]) -> Outcome? {
    let groupCount = groups.map { g in g.atoms.reduce(0) { $0 + counts[$1] } }
    let twins = spannedByFixed(counts: counts, shown: shown)
    var withheld: [(group: Int, protects: AuditLeak?)] = []
    // Withheld groups found undetermined: they stay so as more is withheld (the span shrinks).
    var undetermined = [Bool](repeating: false, count: groups.count)
    while true {
      guard let (regions, crossed) = regionsCrossed(counts: counts, shown: shown) else { return nil }
      let leak: (way: Set<Int>, words: AuditLeak)
      switch findLaminarLeak(regions, crossed, counts: counts, shown: shown, groupCount: groupCount, undetermined: &undetermined) {
      case .none: return .decided(withheld)
      case .unknown: return nil
      case .found(let way, let words): leak = (way, words)
      }
      let candidates = inWithholdingOrder(
        groups.indices.filter { shown[$0] && groupCount[$0] > 0 && !groups.isFixed($0) && !twins.contains($0) }, groupCount)
      guard let fallback = candidates.first else { return .onlyFixedLeft(withheld) }
      let used = candidates.filter { leak.way.contains($0) }
      let chosen = used.first { !groups[$0].outside } ?? used.first ?? fallback
      shown[chosen] = false
      withheld.append((chosen, leak.words))
    }
  }

  /// Whether the shown groups determine a group's number, for any group (made once per
  /// problem): through the regions of the nesting groups (``RegionsCrossed``) when they nest,
  /// else by the span check within the budget; nil when it is too large to tell. A group found
  /// determined and shown again is checked again with the rest (so a determination found
  /// modulo a prime alone is harmless).
  func determination(counts: [Int], shown: [Bool]) -> (Int) -> Bool? {
    if let (regions, crossed) = regionsCrossed(counts: counts, shown: shown) {
      return { g in
        regions.regions(of: self.groups.atoms(g), counts) != nil || crossed.contains { $0.determines(self.groups.atoms(g), counts: counts) }
      }
    }
    let live = groups.indices.filter { shown[$0] && groups.atoms($0).contains { counts[$0] > 0 } }
    guard live.count <= budget, live.count * Self.disjointLowerBound(groups, live) <= budget else { return { _ in nil } }
    let partition = Partition(groups: groups, published: live, counts: counts, atomCount: atomCount)
    guard live.count * partition.cellCounts.count <= budget else { return { _ in nil } }
    let groupCells = partition.cells(of: live)
    let spans = Self.primes.map { partition.span(groupCells, prime: $0) }
    return { g in
      guard let cells = partition.cells(ofUnion: self.groups.atoms(g)) else { return false }
      return spans.contains { $0.determines(cells: cells) }
    }
  }

  /// The regions of the shown nested groups, crossed (one per prime) with the shown groups that
  /// are not unions of them; nil when the nested groups do not nest or more than 64 cross them.
  private func regionsCrossed(counts: [Int], shown: [Bool]) -> (LaminarRegions, [RegionsCrossed])? {
    guard let regions = LaminarRegions(groups, counts: counts, shown: shown, nests: { self.groups.isNested($0) }) else { return nil }
    let crossing = groups.indices.filter { g in
      shown[g] && !groups.isNested(g) && groups.atoms(g).contains { counts[$0] > 0 } && regions.regions(of: groups.atoms(g), counts) == nil
    }
    let crossed = Self.primes.compactMap { RegionsCrossed(groups: groups, counts: counts, regions: regions, overlapping: crossing, prime: $0) }
    return crossed.count == Self.primes.count ? (regions, crossed) : nil
  }

  private enum LaminarLeak {
    case none
    case unknown
    /// The groups the way to it uses, and what it is in words.
    case found(Set<Int>, AuditLeak)
  }

  /// The first withheld group (in group order) that is determined, else the first region (in
  /// group order) behind fewer than `k` respondents, else a set behind fewer than `k` that
  /// the overlapping groups determine (either prime finding one). Withheld groups marked
  /// `undetermined` are skipped; those found so are marked.
  private func findLaminarLeak(
    _ regions: LaminarRegions, _ crossed: [RegionsCrossed], counts: [Int], shown: [Bool], groupCount: [Int], undetermined: inout [Bool]
  ) -> LaminarLeak {
    let below = { (r: Int) in self.groups.indices.filter { regions.parent[$0] == r && shown[$0] } }
    for g in groups.indices where !shown[g] && groupCount[g] > 0 && !undetermined[g] {
      if let inside = regions.regions(of: groups.atoms(g), counts) {
        // The sum of its regions, each a group minus the groups just below it.
        var way: [Int: Int] = [:]
        for r in inside {
          way[r, default: 0] += 1
          for c in below(r) { way[c, default: 0] -= 1 }
        }
        return .found(Set(way.filter { $0.value != 0 }.keys), .numberOf(groups[g].name))
      }
      guard let system = crossed.first(where: { $0.determines(groups.atoms(g), counts: counts) }) else {
        undetermined[g] = true
        continue
      }
      // The overlapping groups it needs (each one left out leaves it undetermined), else all.
      let needed = system.needed(groups.atoms(g), counts: counts)
      let way = (needed.isEmpty ? Array(system.overlapping.indices) : needed).map { system.overlapping[$0] }
      return .found(Set(way), .numberOf(groups[g].name))
    }
    for g in groups.indices where shown[g] && groups.isNested(g) && regions.ownedCount[g] > 0 && regions.ownedCount[g] < k {
      return .found(Set([g] + below(g)), .respondents(regions.ownedCount[g]))
    }
    for system in crossed {
      switch system.smallSet(k: k, budget: budget) {
      case .none: continue
      case .unknown: return .unknown
      case .found(let n, let overlapping, let owners):
        return .found(overlapping.union(owners).union(owners.flatMap(below)), .respondents(n))
      }
    }
    return .none
  }
}
