/// The regions of a problem's nesting groups (``LaminarRegions``) crossed with a few shown
/// groups that are not unions of them (attribute values over a large block): what the shown
/// groups determine, exactly (modulo a prime, as ``ModularSpan``), without a span over every
/// cell of the block.
///
/// The atoms of a region that the overlapping groups hold alike form a *class*. A set of
/// classes is determined exactly when, for some coefficients `t` of the overlapping groups and
/// a constant per region, each class is in the set by its region's constant plus the `t` of
/// the groups holding it (1) or not (0). So a withheld group is determined when a linear
/// system in `t` (one unknown per overlapping group) has a solution.
///
/// A set behind fewer than `k` respondents meets fewer than `k` regions when every region
/// with someone has at least `k` (checked before). In every region it misses, `t` must give
/// all the region's classes the same sum; so when at least `k` regions share those
/// constraints, `t` meets them (`t` lies in the intersection `K` of such constraints). Such a
/// set then lies in the regions whose classes some `t` of `K` tells apart, and is decided there
/// by the span check and the small-set search alone: usually no region is left (the
/// attribute values of an organisation tell no region's respondents apart that others don't).
struct RegionsCrossed {
  let prime: UInt64
  /// The overlapping groups (at most 64), by group index; bit `i` of a pattern is group `i`.
  let overlapping: [Int]
  /// Per atom, its class (-1: nobody behind the data point).
  let classOf: [Int]
  let classPattern: [UInt64]
  let classCount: [Int]
  let classAtoms: [Int]
  /// The regions with someone (by the group owning them) and their classes, in pattern order.
  let regions: [(owner: Int, classes: [Int])]
  /// Per class, its region's position in ``regions``.
  let classRegion: [Int]
  private let modulus: Modulus
  /// What a region says of `t` when a set misses it (its classes' sums alike, or zero in the
  /// region without a constant): each distinct equation, with how many regions say it, and
  /// the span of them all.
  private let equations: [[UInt64]]
  private let sayers: [Int]
  private let missed: ModularSpan
  /// Per class that gives an equation (``compared(_:)``), its equation in ``equations`` (-1:
  /// a region's first class).
  private let classEquation: [Int32]
  /// Per region, the distinct equations its classes say.
  private let regionEquations: [[Int32]]

  private struct Key: Hashable {
    var region: Int
    var pattern: UInt64
  }

  /// Nil when there are more than 64 overlapping groups. Atoms with someone in no region make
  /// one more region, owner -1, without a constant (its classes are in a set by `t` alone).
  init?(groups: OverlapRule.Groups, counts: [Int], regions laminar: LaminarRegions, overlapping: [Int], prime: UInt64) {
    guard overlapping.count <= 64 else { return nil }
    var pattern = [UInt64](repeating: 0, count: counts.count)
    for (i, g) in overlapping.enumerated() { for a in groups.atoms(g) where counts[a] > 0 { pattern[a] |= 1 << UInt64(i) } }
    // Each atom's class in the order first met, with the class's respondents and atoms.
    var met: [Key: Int] = [:]
    var classOf = [Int](repeating: -1, count: counts.count)
    var found: [Key] = []
    var respondents: [Int] = []
    var atoms: [Int] = []
    for a in counts.indices where counts[a] > 0 {
      let key = Key(region: laminar.owner[a], pattern: pattern[a])
      let c = met[key, default: found.count]
      if c == found.count {
        met[key] = c
        found.append(key)
        respondents.append(0)
        atoms.append(0)
      }
      classOf[a] = c
      respondents[c] += counts[a]
      atoms[c] += 1
    }
    // Classes numbered by region (group order) and pattern, so nothing depends on how the
    // atoms are numbered.
    let order = found.indices.sorted { (found[$0].region, found[$0].pattern) < (found[$1].region, found[$1].pattern) }
    var number = [Int](repeating: 0, count: found.count)
    for (c, f) in order.enumerated() { number[f] = c }
    let keys = order.map { found[$0] }
    var regions: [(owner: Int, classes: [Int])] = []
    for (c, key) in keys.enumerated() {
      if regions.last?.owner == key.region { regions[regions.count - 1].classes.append(c) } else { regions.append((key.region, [c])) }
    }
    for a in classOf.indices where classOf[a] >= 0 { classOf[a] = number[classOf[a]] }
    self.prime = prime
    self.overlapping = overlapping
    self.classOf = classOf
    classPattern = keys.map(\.pattern)
    classCount = order.map { respondents[$0] }
    classAtoms = order.map { atoms[$0] }
    self.regions = regions
    var classRegion = [Int](repeating: 0, count: keys.count)
    for (r, region) in regions.enumerated() { for c in region.classes { classRegion[c] = r } }
    self.classRegion = classRegion
    modulus = Modulus(prime)
    // Each class's equation, named by the groups holding the class and not the region's first
    // class (+1) and the other way round (−1); then the distinct ones in ascending order.
    let patterns = keys.map(\.pattern)
    var named = [Difference?](repeating: nil, count: keys.count)
    for region in regions {
      let base = region.owner < 0 ? 0 : patterns[region.classes[0]]
      for c in region.owner < 0 ? region.classes[...] : region.classes.dropFirst() {
        named[c] = Difference(up: patterns[c] & ~base, down: base & ~patterns[c])
      }
    }
    let m = overlapping.count
    let distinct = Array(Set(named.compactMap { $0 }))
    let rows = distinct.map { $0.row(m, prime) }
    let ascending = rows.indices.sorted { rows[$0].lexicographicallyPrecedes(rows[$1]) }
    let equations = ascending.map { rows[$0] }
    var id = [Difference: Int32]()
    for (i, d) in ascending.enumerated() { id[distinct[d]] = Int32(i) }
    let classEquation = named.map { $0.map { id[$0]! } ?? -1 }
    var sayers = [Int](repeating: 0, count: equations.count)
    let regionEquations = regions.map { region in
      Array(Set(region.classes.map { classEquation[$0] }.filter { $0 >= 0 })).sorted()
    }
    for said in regionEquations { for e in said { sayers[Int(e)] += 1 } }
    var missed = ModularSpan(width: overlapping.count + 1, prime: prime)
    for row in equations { missed.add(vector: row + [0]) }
    self.equations = equations
    self.sayers = sayers
    self.missed = missed
    self.classEquation = classEquation
    self.regionEquations = regionEquations
  }

  private var m: Int { overlapping.count }

  /// The coefficients of `t` in "class `c` minus the region's first class"; in the region
  /// without a constant, of `t` in class `c` itself: +1 for the groups in `up`, −1 for those
  /// in `down` (bit `i`: overlapping group `i`).
  private struct Difference: Hashable {
    var up: UInt64
    var down: UInt64
    /// Its coefficients as residues.
    func row(_ m: Int, _ prime: UInt64) -> [UInt64] {
      (0..<m).map { j in up >> UInt64(j) & 1 == 1 ? 1 : down >> UInt64(j) & 1 == 1 ? prime - 1 : 0 }
    }
  }

  /// The classes of a region that give equations (all but the first, in a region with a
  /// constant).
  private func compared(_ region: (owner: Int, classes: [Int])) -> ArraySlice<Int> {
    region.owner < 0 ? region.classes[...] : region.classes.dropFirst()
  }

  /// Whether the shown groups determine the number of the atoms `atoms`.
  func determines(_ atoms: AtomSet, counts: [Int]) -> Bool {
    guard let system = system(atoms, counts: counts) else { return false }
    // Solvable exactly when no combination of the equations reads 0 = 1.
    return !system.determines(cells: [m])
  }

  /// The overlapping groups (by position) that every way of determining the number of
  /// `atoms` needs: with one left out (its coefficient held at zero), it is not determined.
  func needed(_ atoms: AtomSet, counts: [Int]) -> [Int] {
    guard let system = system(atoms, counts: counts) else { return [] }
    return (0..<m).filter { j in
      var without = system
      var zero = [UInt64](repeating: 0, count: m + 1)
      zero[j] = 1
      without.add(vector: zero)
      return without.determines(cells: [m])
    }
  }

  /// The equations in `t` that say the number of `atoms` is a combination of the shown
  /// groups (their last column the right-hand side); nil when the atoms split a class (then
  /// nothing tells them apart: not determined).
  private func system(_ atoms: AtomSet, counts: [Int]) -> ModularSpan? {
    var inside = [Int](repeating: 0, count: classCount.count)
    for a in atoms where counts[a] > 0 { inside[classOf[a]] += 1 }
    guard inside.indices.allSatisfy({ inside[$0] == 0 || inside[$0] == classAtoms[$0] }) else { return nil }
    // The regions the set misses say their equations with a zero right-hand side (made once,
    // unless the set meets every region that says one of them); the regions it meets say
    // theirs with its classes.
    var isMet = [Bool](repeating: false, count: regions.count)
    var met: [Int] = []
    for c in inside.indices where inside[c] > 0 && !isMet[classRegion[c]] {
      isMet[classRegion[c]] = true
      met.append(classRegion[c])
    }
    var system = ModularSpan(width: m + 1, prime: prime)
    var silenced = [Int](repeating: 0, count: equations.count)
    for r in met { for e in regionEquations[r] { silenced[Int(e)] += 1 } }
    if met.allSatisfy({ r in regionEquations[r].allSatisfy { sayers[Int($0)] > silenced[Int($0)] } }) {
      system = missed
    } else {
      for (e, row) in equations.enumerated() where sayers[e] > silenced[e] { system.add(vector: row + [0]) }
    }
    // Each equation once per right-hand side (a row said twice adds nothing).
    var seen = Set<Int>()
    for r in met {
      let region = regions[r]
      let base = region.owner < 0 ? 0 : (inside[region.classes[0]] > 0 ? 1 : 0)
      for c in compared(region) {
        let e = Int(classEquation[c])
        let rhs = (inside[c] > 0 ? 1 : 0) - base
        guard seen.insert(e * 3 + rhs + 1).inserted else { continue }
        system.add(vector: equations[e] + [rhs == 0 ? 0 : rhs > 0 ? 1 : prime - 1])
      }
    }
    return system
  }

  /// What a search for a determined set behind fewer than `k` respondents found.
  enum SmallSet {
    case none
    /// Too large to search (the caller withholds more).
    case unknown
    /// The set's atoms-classes (their respondents) and the overlapping groups (by group index)
    /// and regions (by owner) that the way to it uses.
    case found(respondents: Int, groups: Set<Int>, regions: Set<Int>)
  }

  /// Searches for a set behind fewer than `k` respondents that the shown groups determine.
  /// - Precondition: every region with someone has at least `k` respondents.
  func smallSet(k: Int, budget: Int) -> SmallSet {
    // Each region's constraints on `t`, as a canonical basis.
    var constraints: [[UInt64]: Int] = [:]
    for region in regions {
      var span = ModularSpan(width: m, prime: prime)
      for c in compared(region) { span.add(vector: equations[Int(classEquation[c])]) }
      let key = span.canonicalRows.flatMap { $0 }
      // The region without a constant shares its constraints with none.
      if region.owner >= 0 { constraints[key, default: 0] += 1 }
    }
    // K: the t that meet every constraint shared by at least k regions.
    var shared = ModularSpan(width: m, prime: prime)
    for (key, n) in constraints.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) where n >= k && !key.isEmpty {
      for row in stride(from: 0, to: key.count, by: m) { shared.add(vector: Array(key[row..<(row + m)])) }
    }
    let coordinates = shared.witness().coordinates
    let basis = (0..<(coordinates.first?.count ?? 0)).map { j in (0..<m).map { coordinates[$0][j] } }
    guard !basis.isEmpty else { return .none }
    // The regions that some t of K tells apart.
    let involved = regions.indices.filter { r in
      compared(regions[r]).contains { c in
        let d = equations[Int(classEquation[c])]
        return basis.contains { b in (0..<m).reduce(UInt64(0)) { ($0 + modulus.reduce(d[$1] &* b[$1])) % prime } != 0 }
      }
    }
    guard !involved.isEmpty else { return .none }
    let cells = involved.flatMap { regions[$0].classes }
    guard (involved.count + basis.count) * cells.count <= budget else { return .unknown }
    var position = [Int: Int]()
    for (i, c) in cells.enumerated() { position[c] = i }
    var span = ModularSpan(width: cells.count, prime: prime, totals: involved.count + basis.count)
    for (i, r) in involved.enumerated() where regions[r].owner >= 0 { span.add(cells: regions[r].classes.map { position[$0]! }, total: i) }
    for (j, b) in basis.enumerated() {
      let vector = cells.map { c in
        (0..<m).reduce(UInt64(0)) { sum, g in classPattern[c] >> UInt64(g) & 1 == 1 ? (sum + b[g]) % prime : sum }
      }
      span.add(vector: vector, total: involved.count + j)
    }
    switch SmallSetSearch(counts: cells.map { classCount[$0] }, k: k, witness: span.witness(), budget: OverlapRule.smallSetBudget).run() {
    case .none: return .none
    case .overBudget: return .unknown
    case .found(let found):
      let way = span.representation(of: found) ?? []
      var t = [UInt64](repeating: 0, count: m)
      for (j, b) in basis.enumerated() where involved.count + j < way.count && way[involved.count + j] != 0 {
        for g in 0..<m { t[g] = (t[g] + modulus.reduce(way[involved.count + j] &* b[g])) % prime }
      }
      let groups = Set((0..<m).filter { t[$0] != 0 }.map { overlapping[$0] })
      let owners = Set(involved.indices.filter { $0 < way.count && way[$0] != 0 }.map { regions[involved[$0]].owner }.filter { $0 >= 0 })
      return .found(respondents: found.reduce(0) { $0 + classCount[cells[$1]] }, groups: groups, regions: owners)
    }
  }
}
