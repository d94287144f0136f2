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
    let width = witness.dimension
    var state: UInt64 = 0x5EED
    let weights = (0..<width).map { _ -> UInt64 in
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return (z ^ (z >> 31)) % p
    }
    let modulus = Modulus(p)
    let add = { (a: UInt64, b: UInt64) -> UInt64 in a + b >= p ? a + b - p : a + b }
    let projection = counts.indices.map { c -> UInt64 in
      var sum: UInt64 = 0
      let coordinates = witness.sparse[c]
      for (i, j) in coordinates.columns.enumerated() { sum = add(sum, modulus.reduce(coordinates.values[i] &* weights[Int(j)])) }
      return sum
    }
    let half = k / 2  // ⌈(k − 1)/2⌉
    // The halves, held flat: half i is cells[start[i]..<start[i + 1]], behind total[i].
    var cells: [Int] = []
    var start: [Int] = [0]
    var total: [Int] = []
    var sums: [UInt64] = []
    var chosen: [Int] = []
    func list(from first: Int, total t0: Int, sum: UInt64) -> Bool {
      for i in first..<small.count {
        let c = small[i]
        let t = t0 + counts[c]
        guard t < k else { continue }
        chosen.append(c)
        let s = add(sum, projection[c])
        cells += chosen
        start.append(cells.count)
        total.append(t)
        sums.append(s)
        if total.count > budget { return false }
        if chosen.count < half, !list(from: i + 1, total: t, sum: s) { return false }
        chosen.removeLast()
      }
      return true
    }
    guard list(from: 0, total: 0, sum: 0) else { return .overBudget }
    let halves = total.indices
    let halfCells = { (i: Int) in cells[start[i]..<start[i + 1]] }
    // The halves filed by projection in a table of buckets (a bucket lists its halves by
    // position), so each half meets the later halves with the opposite projection in order.
    var bits = 4
    while 1 << bits < total.count { bits += 1 }
    let mask = UInt64(1 << bits - 1)
    var bucketStart = [Int32](repeating: 0, count: (1 << bits) + 1)
    for i in halves { bucketStart[Int(sums[i] & mask) + 1] += 1 }
    for b in 0..<(1 << bits) { bucketStart[b + 1] += bucketStart[b] }
    var fill = bucketStart
    var filed = [Int32](repeating: 0, count: total.count)
    for i in halves {
      let bucket = Int(sums[i] & mask)
      filed[Int(fill[bucket])] = Int32(i)
      fill[bucket] += 1
    }
    for i in halves {
      if sums[i] == 0, witness.determines(Array(halfCells(i))) { return .found(Array(halfCells(i))) }
      let wanted = sums[i] == 0 ? 0 : p - sums[i]
      let bucket = Int(wanted & mask)
      for slot in Int(bucketStart[bucket])..<Int(bucketStart[bucket + 1]) {
        let j = Int(filed[slot])
        guard j > i, sums[j] == wanted else { continue }
        let a = halfCells(i)
        let b = halfCells(j)
        guard total[i] + total[j] < k, !a.contains(where: b.contains) else { continue }
        let union = (a + b).sorted()
        if witness.determines(union) { return .found(union) }
      }
    }
    return .none
  }
}
