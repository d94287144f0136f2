/// The linear span of published totals over the cells they cut the respondents into, held in
/// reduced row echelon form modulo a prime: a set of cells is *determined* by the published
/// totals exactly when its indicator vector lies in the span.
///
/// Exact rational elimination can overflow; modulo a prime it cannot. A vector in the span over
/// the rationals is in it modulo p unless p divides the denominators of every way of writing
/// it; the engine asks two primes near 2³¹ and treats a set as determined when either says so
/// (a false "determined" can only withhold more).
struct ModularSpan {
  let width: Int
  let prime: UInt64
  private var rows: [[UInt64]] = []
  private var pivots: [Int] = []
  /// Per row, the published totals it is made of (coefficients over the added totals).
  private var combinations: [[UInt64]] = []
  /// Combinations of added totals that cancel out (a basis of their dependencies).
  private(set) var dependencies: [[UInt64]] = []
  private let totals: Int
  private let reducer: Modulus

  /// - Parameter totals: how many totals will be added (for ``representation(of:)``).
  init(width: Int, prime: UInt64, totals: Int = 0) {
    precondition(prime < 1 << 32, "products of residues must fit in 64 bits")
    self.width = width
    self.prime = prime
    self.totals = totals
    reducer = Modulus(prime)
  }

  var rank: Int { rows.count }

  /// The span's rows in reduced echelon form, ordered by pivot: equal for equal spans.
  var canonicalRows: [[UInt64]] { pivots.indices.sorted { pivots[$0] < pivots[$1] }.map { rows[$0] } }

  /// `a · b` modulo the prime, by Barrett reduction (a multiplication instead of a division).
  /// - Precondition: the prime is below 2³², so a product of two residues fits in 64 bits.
  private func mul(_ a: UInt64, _ b: UInt64) -> UInt64 { reducer.reduce(a &* b) }
  private func sub(_ a: UInt64, _ b: UInt64) -> UInt64 { a >= b ? a - b : a &+ (prime - b) }

  private func power(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
    var result: UInt64 = 1
    var b = base
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result = mul(result, b) }
      b = mul(b, b)
      e >>= 1
    }
    return result
  }

  /// `vector` minus its projection on the rows (zero when it is in the span).
  private func reduce(_ vector: [UInt64]) -> [UInt64] {
    var v = vector
    for (r, pivot) in pivots.enumerated() where v[pivot] != 0 {
      let f = v[pivot]
      let row = rows[r]
      for j in 0..<width where row[j] != 0 { v[j] = sub(v[j], mul(f, row[j])) }
    }
    return v
  }

  /// Reduces `vector` and its combination of totals by the rows.
  private func reduce(_ vector: inout [UInt64], _ combination: inout [UInt64]) {
    for (r, pivot) in pivots.enumerated() where vector[pivot] != 0 {
      let f = vector[pivot]
      let row = rows[r]
      for j in 0..<width where row[j] != 0 { vector[j] = sub(vector[j], mul(f, row[j])) }
      let made = combinations[r]
      for j in 0..<totals where made[j] != 0 { combination[j] = sub(combination[j], mul(f, made[j])) }
    }
  }

  /// Adds published total number `total` (0-based, in order) over the cells in `cells`.
  mutating func add(cells: [Int], total: Int? = nil) {
    var v = [UInt64](repeating: 0, count: width)
    for c in cells { v[c] = 1 }
    add(vector: v, total: total)
  }

  /// Adds a total with any coefficients (residues) over the cells.
  mutating func add(vector: [UInt64], total: Int? = nil) {
    var v = vector
    var combination = [UInt64](repeating: 0, count: totals)
    if let total, total < totals { combination[total] = 1 }
    reduce(&v, &combination)
    guard let pivot = v.firstIndex(where: { $0 != 0 }) else {
      if totals > 0 { dependencies.append(combination) }
      return
    }
    let inverse = power(v[pivot], prime - 2)
    v = v.map { mul($0, inverse) }
    combination = combination.map { mul($0, inverse) }
    for r in rows.indices where rows[r][pivot] != 0 {
      let f = rows[r][pivot]
      for j in 0..<width where v[j] != 0 { rows[r][j] = sub(rows[r][j], mul(f, v[j])) }
      for j in 0..<totals where combination[j] != 0 { combinations[r][j] = sub(combinations[r][j], mul(f, combination[j])) }
    }
    rows.append(v)
    pivots.append(pivot)
    combinations.append(combination)
  }

  /// How the sum over `cells` is made from the added totals (coefficients per total), when
  /// it is determined; unique up to ``dependencies``.
  func representation(of cells: [Int]) -> [UInt64]? {
    var v = [UInt64](repeating: 0, count: width)
    for c in cells { v[c] = 1 }
    var combination = [UInt64](repeating: 0, count: totals)
    reduce(&v, &combination)
    guard v.allSatisfy({ $0 == 0 }) else { return nil }
    // v − Σ f·row = 0, so the sum is Σ f·row = −combination.
    return combination.map { $0 == 0 ? 0 : prime - $0 }
  }

  /// Whether total number `t` appears in every way of making a sum that `representation`
  /// makes (so that withholding it leaves the sum undetermined).
  func isEssential(_ t: Int, in representation: [UInt64]) -> Bool {
    representation[t] != 0 && dependencies.allSatisfy { $0[t] == 0 }
  }

  /// Whether the sum over `cells` is determined by the published totals.
  func determines(cells: [Int]) -> Bool {
    var v = [UInt64](repeating: 0, count: width)
    for c in cells { v[c] = 1 }
    return reduce(v).allSatisfy { $0 == 0 }
  }

  /// Each cell's coordinates in a basis of the null space: a set of cells is determined
  /// exactly when its cells' coordinates add up to zero (see ``Witness``).
  func witness() -> Witness {
    var isPivot = [Int?](repeating: nil, count: width)
    for (r, p) in pivots.enumerated() { isPivot[p] = r }
    let free = (0..<width).filter { isPivot[$0] == nil }
    var freeIndex = [Int](repeating: -1, count: width)
    for (j, f) in free.enumerated() { freeIndex[f] = j }
    let coordinates = (0..<width).map { c -> [UInt64] in
      if let r = isPivot[c] { return free.map { f in rows[r][f] == 0 ? 0 : prime - rows[r][f] } }
      var unit = [UInt64](repeating: 0, count: free.count)
      unit[freeIndex[c]] = 1
      return unit
    }
    return Witness(prime: prime, coordinates: coordinates)
  }

  /// Null-space coordinates of the cells.
  struct Witness {
    let prime: UInt64
    let coordinates: [[UInt64]]

    /// Whether the sum over `cells` is determined.
    func determines(_ cells: [Int]) -> Bool {
      guard let first = cells.first else { return true }
      var sum = coordinates[first]
      for c in cells.dropFirst() {
        let added = coordinates[c]
        for j in sum.indices where added[j] != 0 {
          let t = sum[j] + added[j]
          sum[j] = t >= prime ? t - prime : t
        }
      }
      return sum.allSatisfy { $0 == 0 }
    }
  }
}

/// Reduction modulo a prime below 2³² by Barrett's method: `x mod p` as `x − ⌊x·m / 2⁶⁴⌋·p`
/// with `m = ⌊(2⁶⁴ − 1) / p⌋`, which is below `3p` before the last subtractions.
struct Modulus {
  let p: UInt64
  private let m: UInt64

  init(_ p: UInt64) {
    self.p = p
    m = UInt64.max / p
  }

  /// `x mod p`, for any 64-bit `x`.
  @inline(__always) func reduce(_ x: UInt64) -> UInt64 {
    let q = x.multipliedFullWidth(by: m).high
    var r = x &- q &* p
    while r >= p { r -= p }
    return r
  }
}
