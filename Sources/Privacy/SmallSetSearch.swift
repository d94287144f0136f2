/// Finds a set of cells behind fewer than `k` respondents whose sum the published totals
/// determine: a set whose cells' null-space coordinates add up to zero (``ModularSpan``).
///
/// Such a set has at most `k − 1` cells. Split in two halves of at most ⌈(k − 1)/2⌉ cells,
/// the halves' coordinates are each other's negatives, so the search lists every small half
/// once, files it under a random linear projection of its coordinates, and pairs halves with
/// opposite projections (meet in the middle); a pair is confirmed on the full coordinates. Every
/// such set is found, in time about n^⌈(k−1)/2⌉ for n small cells rather than n^(k−1).
struct SmallSetSearch {
  let counts: [Int]
  let k: Int
  let witness: ModularSpan.Witness
  /// The most halves listed; beyond it the search gives up (the caller withholds more).
  let budget: Int

  enum Result: Equatable {
    case none
    case found([Int])
    case overBudget
  }

  func run() -> Result {
    let small = counts.indices.filter { counts[$0] < k }
    guard !small.isEmpty else { return .none }
    let p = witness.prime
    let width = witness.coordinates.first?.count ?? 0
    var state: UInt64 = 0x5EED
    let weights = (0..<width).map { _ -> UInt64 in
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return (z ^ (z >> 31)) % p
    }
    let projection = counts.indices.map { c -> UInt64 in
      var sum: UInt64 = 0
      for j in 0..<width where witness.coordinates[c][j] != 0 { sum = (sum + witness.coordinates[c][j] * weights[j] % p) % p }
      return sum
    }
    let half = k / 2  // ⌈(k − 1)/2⌉
    var halves: [(cells: [Int], total: Int, projection: UInt64)] = []
    var chosen: [Int] = []
    func list(from start: Int, total: Int, sum: UInt64) -> Bool {
      for i in start..<small.count {
        let c = small[i]
        let t = total + counts[c]
        guard t < k else { continue }
        chosen.append(c)
        let s = (sum + projection[c]) % p
        halves.append((chosen, t, s))
        if halves.count > budget { return false }
        if chosen.count < half, !list(from: i + 1, total: t, sum: s) { return false }
        chosen.removeLast()
      }
      return true
    }
    guard list(from: 0, total: 0, sum: 0) else { return .overBudget }
    var byProjection: [UInt64: [Int]] = [:]
    for (i, h) in halves.enumerated() { byProjection[h.projection, default: []].append(i) }
    for (i, a) in halves.enumerated() {
      if a.projection == 0, witness.determines(a.cells) { return .found(a.cells) }
      for j in byProjection[(p - a.projection) % p] ?? [] where j > i {
        let b = halves[j]
        guard a.total + b.total < k, Set(a.cells).isDisjoint(with: b.cells) else { continue }
        let union = (a.cells + b.cells).sorted()
        if witness.determines(union) { return .found(union) }
      }
    }
    return .none
  }
}
