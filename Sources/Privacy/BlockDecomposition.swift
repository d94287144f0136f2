import SurveyModel

/// The overlap rule on a problem too large for one exact check (tens of thousands of units,
/// each crossed with every attribute value): the respondents are cut into *blocks* along the
/// unit tree and each block is checked exactly on its own.
///
/// Why it is sound, whatever the blocks: every published total is the sum of its restrictions
/// to the blocks, so anything the published totals determine is determined by the restrictions
/// too, and the restrictions of different blocks share no respondent. A set of respondents is
/// then determined only when its part in every block is determined by that block's
/// restrictions. So it is enough that (1) no block determines a non-empty set behind fewer than
/// `k` respondents (each such set has a non-empty part of fewer than `k` in some block), and
/// (2) each withheld group's part in one block (its *designated* block) is not determined there.
/// Each block is decided by the exact rule (``OverlapRule/decideExactly(counts:shown:)``); what
/// it withholds is withheld in the whole publication, and the blocks are made and checked again
/// until a whole round withholds nothing, so the last round checked the final decision.
///
/// Why it withholds little: a unit whose number and every crossed cell (``OverlapRule/Group/parent``
/// of an overlapping group) are shown is *peeled* into a block of its own. Every group that
/// reaches outside it (its parents, the attribute values over the organisation) then restricts
/// to the unit or one of its shown cells, which the block already has: the restrictions add
/// nothing an attacker did not have. What is left of a unit after peeling (its direct members
/// and the units below it that are not all shown) is one block, where a group's restriction
/// is its number minus the peeled units' shown numbers. A group restricted to the same
/// respondents as another in a block is the same equation there, and is kept once (the most
/// specific group: a unit's cell rather than the attribute's value over the organisation), so
/// a leak in a block is closed by withholding the small group, not the large one.
///
/// Cost: every round lists the atoms once per group they belong to, and checks blocks of about
/// one unit's children (a few hundred cells) exactly; blocks unchanged since a round that
/// withheld nothing in them are not checked again.
struct BlockDecomposition {
  let rule: OverlapRule
  let counts: [Int]
  /// Respondents behind the data point in each group.
  let groupCount: [Int]
  /// Atoms with someone behind the data point in each group.
  let liveAtoms: [Int32]
  /// Nested children of each group (units, teams).
  let children: IndexLists
  /// Overlapping groups lying in each nested group (its crossed cells).
  let cells: IndexLists
  /// Atoms (with someone behind the data point) whose deepest nested group is this group.
  let owned: IndexLists
  /// The groups shown when the blocks start that each atom belongs to:
  /// `members[memberStart[a]..<memberStart[a + 1]]`. Only they are ever looked up (the blocks
  /// only withhold more), and the groups withheld before (too few respondents) are not listed.
  let memberStart: [Int]
  let members: [Int32]

  /// - Parameter shown: per group, whether it is shown when the blocks start.
  init(rule: OverlapRule, counts: [Int], shown: [Bool]) {
    self.rule = rule
    self.counts = counts
    let groups = rule.groups
    groupCount = groups.map { g in g.atoms.reduce(0) { $0 + counts[$1] } }
    liveAtoms = groups.map { g in g.atoms.reduce(0) { $0 + (counts[$1] > 0 ? 1 : 0) } }
    // Each group's parent when it lies in a nested group.
    var under = [Int32](repeating: -1, count: groups.count)
    for (g, group) in groups.enumerated() {
      guard let parent = group.parent, parent >= 0, parent < groups.count, parent != g, groups.isNested(parent) else { continue }
      under[g] = Int32(parent)
    }
    children = IndexLists(keys: groups.count) { list in
      for g in under.indices where under[g] >= 0 && groups.isNested(g) { list(Int(under[g]), g) }
    }
    cells = IndexLists(keys: groups.count) { list in
      for g in under.indices where under[g] >= 0 && !groups.isNested(g) { list(Int(under[g]), g) }
    }
    // The deepest nested group of each atom: nested groups come after their parents.
    var owner = [Int](repeating: 0, count: rule.atomCount)
    var degree = [Int](repeating: 0, count: rule.atomCount + 1)
    for (g, group) in groups.enumerated() {
      if group.nested && g > 0 && group.parent != nil { for a in group.atoms { owner[a] = g } }
      if shown[g] { for a in group.atoms where counts[a] > 0 { degree[a + 1] += 1 } }
    }
    owned = IndexLists(keys: groups.count) { list in
      for a in 0..<rule.atomCount where counts[a] > 0 { list(owner[a], a) }
    }
    for a in 0..<rule.atomCount { degree[a + 1] += degree[a] }
    var fill = degree
    var members = [Int32](repeating: 0, count: degree[rule.atomCount])
    for (g, group) in groups.enumerated() where shown[g] {
      for a in group.atoms where counts[a] > 0 {
        members[fill[a]] = Int32(g)
        fill[a] += 1
      }
    }
    memberStart = degree
    self.members = members
  }

  /// Whether an overlapping group lies in a unit (a unit's cell), not over the organisation.
  func liesInAUnit(_ g: Int) -> Bool {
    guard let unit = rule.groups[g].parent, rule.groups.indices.contains(unit) else { return false }
    return rule.groups[unit].parent != nil
  }

  /// The groups shown when the blocks started that `atom` belongs to.
  private func groupsOf(_ atom: Int) -> ArraySlice<Int32> { members[memberStart[atom]..<memberStart[atom + 1]] }

  /// Whether a unit is peeled into a block of its own: it and each of its crossed cells with
  /// someone behind the data point are shown.
  private func peels(_ g: Int, _ shown: [Bool]) -> Bool {
    !rule.groups.isFixed(g) && shown[g] && cells[g].allSatisfy { shown[$0] || groupCount[$0] == 0 }
  }

  /// A block: its atoms, and the units peeled off it (the tops of the blocks made from it).
  struct Part {
    var atoms: [Int]
    var peeled: [Int]
  }

  /// The blocks, each after the block it was peeled from.
  private func blocks(_ shown: [Bool]) -> [Part] {
    var result: [Part] = []
    var tops = [0]
    while let top = tops.popLast() {
      var part = Part(atoms: [], peeled: [])
      var stack = [top]
      while let u = stack.popLast() {
        part.atoms += owned[u]
        for c in children[u] {
          if peels(c, shown) { part.peeled.append(c) } else { stack.append(c) }
        }
      }
      tops += part.peeled
      if !part.atoms.isEmpty {
        part.atoms.sort()
        result.append(part)
      }
    }
    return result
  }

  /// The smallest shown cell of a unit peeled off `part` that lies in `g` (nil: none).
  func smallestPeeledCell(in g: Int, _ part: Part, _ shown: [Bool], _ spanned: Set<Int>) -> Int? {
    var best: Int? = nil
    for t in part.peeled {
      for c in cells[t] where shown[c] && groupCount[c] > 0 && !spanned.contains(c) {
        guard best.map({ (groupCount[c], c) < (groupCount[$0], $0) }) ?? true else { continue }
        let inG = rule.groups.atoms(c).allSatisfy { a in counts[a] == 0 || groupsOf(a).contains(Int32(g)) }
        if inG { best = c }
      }
    }
    return best
  }

  /// Whether nested group `g` contains nested group `t` (is `t` or above it).
  func contains(_ g: Int, _ t: Int) -> Bool {
    var u: Int? = t
    while let x = u {
      if x == g { return true }
      u = rule.groups[x].parent
    }
    return false
  }

  /// Decides the problem in blocks; `.tooLarge` (with `shown` as it came) when a block leaks
  /// through groups fixed by earlier runs only, or is too large to check exactly even with its
  /// overlapping groups withheld.
  ///
  /// A block too large to check exactly withholds its overlapping groups (the ones lying
  /// inside it first, then those reaching outside it) and is checked again: a block whose
  /// shown groups nest is checked exactly at any size (``LaminarRegions``). Such groups are
  /// withheld for the check's sake, not to protect anyone, so no block has to keep their
  /// numbers undetermined (which would withhold more, e.g. an attribute's value over the
  /// organisation); once every block is decided, each one that its block determines is
  /// shown again (it adds no equation there, and elsewhere its part is a peeled unit's shown
  /// cell), and each one whose block is still too large to tell becomes a number to protect.
  /// - Precondition: `shown` is what the decomposition was made with.
  func run(shown: inout [Bool]) -> OverlapRule.Outcome {
    let before = shown
    // Groups that earlier runs' groups already determine: fixed here too.
    let spanned = rule.spannedByFixed(counts: counts, shown: shown)
    var withheld: [(group: Int, protects: AuditLeak?)] = []
    var clean = Set<[Int]>()
    // Blocks found clean, with what they read then: one whose groups have not changed since is
    // known clean without making its problem again.
    var history = BlockHistory(groups: rule.groups.count)
    // Withheld because a block was too large; of those, the ones whose numbers are protected,
    // and the ones shown again once (not twice: a block too large with one drops it again).
    var unprotected = Set<Int>()
    var protected = Set<Int>()
    var reshown = Set<Int>()
    while true {
      var changed = true
      while changed {
        changed = false
        let blocks = blocks(shown)
        let blockOf = firstBlocks(blocks)
        var designated = [[Int]](repeating: [], count: blocks.count)
        for g in rule.groups.indices where !shown[g] && groupCount[g] > 0 && !spanned.contains(g) && !unprotected.contains(g) {
          if let b = blockOf(g) { designated[b].append(g) }
        }
        // The blocks are decided side by side, each from `shown` as the round found it, then
        // taken in order as one after another would: a block that a block before it changed
        // (it withheld a group the block reads) is decided again from `shown` as it is now.
        let pass = clean
        let seen = history
        let start = history.version
        let trials = SideBySide.map(blocks.count) { b in
          seen.unchanged(self, blocks[b], designated[b]) ? .known : trial(blocks[b], designated[b], shown, spanned, pass)
        }
        let readers = BlockReaders(self, blocks)
        var stale = [Bool](repeating: false, count: blocks.count)
        for b in blocks.indices {
          let read = stale[b] ? history.version : start
          switch stale[b] ? trial(blocks[b], designated[b], shown, spanned, clean) : trials[b] {
          case .known:
            history.clean(blocks[b], designated[b], since: read)
            continue
          case .stop:
            shown = before
            return .tooLarge
          case .found(let key, let found):
            if found.isEmpty {
              clean.insert(key)
              history.clean(blocks[b], designated[b], since: read)
              continue
            }
            for (g, words) in found where shown[g] {
              shown[g] = false
              history.changed(g)
              for reader in readers.of(g) where reader > b { stale[reader] = true }
              withheld.append((g, words))
              if words != nil {
                unprotected.remove(g)
              } else if reshown.contains(g) {
                protected.insert(g)
              } else {
                unprotected.insert(g)
              }
              changed = true
            }
          }
        }
      }
      // Every block decided: the groups withheld for the check's sake, where their block tells.
      let blocks = blocks(shown)
      let blockOf = firstBlocks(blocks)
      var waiting = [Int: [Int]]()
      for g in unprotected.sorted() { if let b = blockOf(g) { waiting[b, default: []].append(g) } }
      var settled = true
      for (b, list) in waiting.sorted(by: { $0.key < $1.key }) {
        let block = Block(self, part: blocks[b], shown: shown, withheld: list, spanned: spanned)
        let determined = block.rule.determination(counts: block.counts, shown: block.shown)
        for (i, g) in list.enumerated() {
          // The block's own groups come first, then the withheld ones in the order given.
          switch determined(block.rule.groups.count - list.count + i) {
          case false?: continue
          case true? where !reshown.contains(g):
            shown[g] = true
            history.changed(g)
            reshown.insert(g)
            withheld.removeAll { $0.group == g }
          default:
            protected.insert(g)
          }
          unprotected.remove(g)
          settled = false
        }
      }
      if settled { return .decided(withheld) }
    }
  }

  /// When each group's `shown` last changed, and the blocks found clean with the moment they
  /// read it: a block with the same atoms, peeled units and withheld groups, none of whose
  /// groups (its atoms' groups, its peeled units' cells) changed since, makes the same problem
  /// (``Block`` reads nothing else), so it is clean again.
  private struct BlockHistory {
    /// Changes of `shown` so far.
    private(set) var version = 0
    private var changedAt: [Int]
    private var found: [Int: (part: Part, designated: [Int], version: Int)] = [:]

    init(groups: Int) { changedAt = [Int](repeating: 0, count: groups) }

    mutating func changed(_ g: Int) {
      version += 1
      changedAt[g] = version
    }

    /// `part` was found clean reading `shown` as it was at `version`.
    mutating func clean(_ part: Part, _ designated: [Int], since version: Int) {
      guard let first = part.atoms.first else { return }
      found[first] = (part, designated, version)
    }

    func unchanged(_ d: BlockDecomposition, _ part: Part, _ designated: [Int]) -> Bool {
      guard let first = part.atoms.first, let known = found[first], known.designated == designated,
        known.part.peeled == part.peeled, known.part.atoms == part.atoms
      else { return false }
      for a in part.atoms { for g in d.groupsOf(a) where changedAt[Int(g)] > known.version { return false } }
      for t in part.peeled { for c in d.cells[t] where changedAt[c] > known.version { return false } }
      return true
    }
  }

  /// What deciding one block gave.
  private enum Trial {
    /// Its problem was decided before and withheld nothing (see `clean` in ``run(shown:)``).
    case known
    /// The whole decomposition cannot be decided (see ``run(shown:)``).
    case stop
    /// The groups to withhold (none: the block is clean), and the block's key.
    case found(key: [Int], [(group: Int, protects: AuditLeak?)])
  }

  /// Decides one block from `shown`: the exact rule, else the laminar one, else the
  /// overlapping groups to drop.
  private func trial(_ part: Part, _ withheld: [Int], _ shown: [Bool], _ spanned: Set<Int>, _ clean: Set<[Int]>) -> Trial {
    let block = Block(self, part: part, shown: shown, withheld: withheld, spanned: spanned)
    guard !clean.contains(block.key) else { return .known }
    var local = block.shown
    var outcome = block.rule.decideExactly(counts: block.counts, shown: &local)
    if case .tooLarge = outcome {
      local = block.shown
      outcome = block.rule.decideLaminar(counts: block.counts, shown: &local) ?? .tooLarge
    }
    switch outcome {
    case .decided(let list): return .found(key: block.key, list.map { (block.action[$0.group], $0.protects) })
    case .tooLarge:
      guard let dropped = block.overlappingToDrop(self), !dropped.isEmpty else { return .stop }
      return .found(key: block.key, dropped.map { ($0, nil) })
    case .onlyFixedLeft: return .stop
    }
  }

  /// The blocks of one round whose problem reads whether a group is shown: the blocks holding
  /// its atoms, and, for a unit's cell, the block its unit was peeled off (which may stand the
  /// cell for a group reaching outside it, see ``smallestPeeledCell(in:_:_:_:)``).
  private struct BlockReaders {
    private let d: BlockDecomposition
    private var blockOfAtom: [Int32]
    private var peeledBy: [Int: Int] = [:]

    init(_ d: BlockDecomposition, _ blocks: [Part]) {
      self.d = d
      blockOfAtom = [Int32](repeating: -1, count: d.rule.atomCount)
      for (b, part) in blocks.enumerated() {
        for a in part.atoms { blockOfAtom[a] = Int32(b) }
        for t in part.peeled { peeledBy[t] = b }
      }
    }

    func of(_ g: Int) -> Set<Int> {
      var readers = Set<Int>()
      for a in d.rule.groups.atoms(g) where d.counts[a] > 0 && blockOfAtom[a] >= 0 { readers.insert(Int(blockOfAtom[a])) }
      if let unit = d.rule.groups[g].parent, let b = peeledBy[unit] { readers.insert(b) }
      return readers
    }
  }

  /// The first block (nearest the organisation) that each group reaches, where a withheld
  /// group's number minus its peeled units' numbers is.
  private func firstBlocks(_ blocks: [Part]) -> (Int) -> Int? {
    var blockOf = [Int](repeating: -1, count: rule.atomCount)
    for (b, part) in blocks.enumerated() { for a in part.atoms { blockOf[a] = b } }
    return { g in rule.groups.atoms(g).lazy.filter { counts[$0] > 0 }.map { blockOf[$0] }.min() }
  }

  /// One block as a problem of its own: the distinct restrictions of the groups shown, and the
  /// withheld groups designated to it.
  private struct Block {
    var rule: OverlapRule
    var counts: [Int]
    var shown: [Bool]
    /// The group to withhold when the block's rule withholds each local group.
    var action: [Int]
    /// The group of the whole problem each local group restricts.
    var original: [Int]
    /// What the block's decision depends on: its atoms, and its groups with their states.
    var key: [Int]

    init(_ d: BlockDecomposition, part: Part, shown: [Bool], withheld: [Int], spanned: Set<Int>) {
      let groups = d.rule.groups
      let atoms = part.atoms
      var local = [Int: Int]()
      for (i, a) in atoms.enumerated() { local[a] = i }
      var restricted: [Int: [Int]] = [:]
      for (i, a) in atoms.enumerated() {
        for g in d.groupsOf(a) where shown[Int(g)] { restricted[Int(g), default: []].append(i) }
      }
      // One group per distinct restriction. Inside the block: an earlier run's decision (fixed)
      // first, then the fewest respondents. Reaching outside: after every group inside, one
      // that can be withheld first, then the fewest respondents (a unit's cell before the
      // attribute's value over the organisation).
      let inside = { (g: Int) in restricted[g]!.count == d.liveAtoms[g] }
      let rank = { (g: Int) in (inside(g) ? 0 : 1, inside(g) == groups.isFixed(g) ? 0 : 1, d.groupCount[g], g) }
      // Each group's rank computed once (not at every comparison).
      let order = restricted.keys.map { (rank($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
      var seen = Set<[Int]>()
      var made: [OverlapRule.Group] = []
      var action: [Int] = []
      var original: [Int] = []
      var key = atoms + [-1] + part.peeled + [-1]
      for g in order where (inside(g) || d.rule.blockKeepsOutsideGroups) && seen.insert(restricted[g]!).inserted {
        var fixed = groups.isFixed(g) || spanned.contains(g)
        var stand = g
        // A fixed group reaching outside (the organisation) is here its number minus the peeled
        // units' numbers: withholding the smallest of those units takes it away.
        if groups.isFixed(g), !inside(g), groups.isNested(g),
          let unit = part.peeled.filter({ d.contains(g, $0) && !spanned.contains($0) }).min(by: { (d.groupCount[$0], $0) < (d.groupCount[$1], $1) })
        {
          fixed = false
          stand = unit
        }
        if !groups.isFixed(g), !inside(g), !groups.isNested(g), let cell = d.smallestPeeledCell(in: g, part, shown, spanned) {
          // An attribute's value over a unit reaching outside is here its number minus the
          // peeled units' cells of the value: withholding the smallest of those cells (as one
          // exact check would) takes it away without withholding the larger group.
          stand = cell
        }
        made.append(.init(name: groups[g].name, atoms: AtomSet(restricted[g]!), fixed: fixed, nested: groups.isNested(g), outside: !inside(g)))
        action.append(stand)
        original.append(g)
        key.append(g)
      }
      let shownCount = made.count
      key.append(-2)
      for g in withheld {
        let parts = groups.atoms(g).compactMap { local[$0] }
        made.append(.init(name: groups[g].name, atoms: AtomSet(parts.sorted()), fixed: groups.isFixed(g), nested: groups.isNested(g)))
        action.append(g)
        original.append(g)
        key.append(g)
      }
      rule = OverlapRule(
        groups: .init(made), atomCount: atoms.count, k: d.rule.k, budget: d.rule.blockBudget, blockBudget: d.rule.blockBudget,
        blockKeepsOutsideGroups: d.rule.blockKeepsOutsideGroups, atomOrder: d.rule.atomOrder.map { order in atoms.map { order[$0] } })
      counts = atoms.map { d.counts[$0] }
      self.shown = made.indices.map { $0 < shownCount }
      self.action = action
      self.original = original
      self.key = key
    }

    /// The shown overlapping groups (not fixed) to withhold when the block is too large to
    /// check exactly: those lying inside it if any, else the cells of a unit reaching outside
    /// it, else the rest (the values over the organisation, kept longest: the check of
    /// ``RegionsCrossed`` takes a few of them at any size). Each is withheld in the whole
    /// publication, not through a peeled unit's cell, so no unit stops being peeled and the
    /// block does not grow. A group whose restriction is a union of the regions of the block's
    /// shown nested groups adds nothing and stays. Nil when the nested groups do not nest.
    func overlappingToDrop(_ d: BlockDecomposition) -> [Int]? {
      guard let regions = LaminarRegions(rule.groups, counts: counts, shown: shown, nests: { rule.groups.isNested($0) }) else { return nil }
      let adding = rule.groups.indices.filter { g in
        shown[g] && !rule.groups.isNested(g) && !rule.groups.isFixed(g) && rule.groups.atoms(g).contains { counts[$0] > 0 }
          && regions.regions(of: rule.groups.atoms(g), counts) == nil
      }
      // Inside first, then a unit's cells reaching outside, then the values over the organisation.
      let stages = [
        adding.filter { !rule.groups[$0].outside },
        adding.filter { d.liesInAUnit(original[$0]) },
        adding,
      ]
      return stages.first { !$0.isEmpty }?.map { original[$0] } ?? []
    }
  }
}
