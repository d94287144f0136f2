/// The linear span of published totals over the cells they cut the respondents into, held in
/// reduced row echelon form modulo a prime: a set of cells is *determined* by the published
/// totals exactly when its indicator vector lies in the span.
///
/// Exact rational elimination can overflow; modulo a prime it cannot. A vector in the span over
/// the rationals is in it modulo p unless p divides the denominators of every way of writing
/// it; the engine asks two primes near 2³¹ and treats a set as determined when either says so
/// (a false "determined" can only withhold more).
///
/// Rows are held sparse (columns and values): a group's indicator covers a few of a block's
/// hundreds of cells and the reduced rows stay about as sparse, so each step of the
/// elimination costs the entries it changes, not the width.
struct ModularSpan {
  let width: Int
  let prime: UInt64
  /// Rows over the cells (columns `0..<width`) and, when tracked, the totals they are made of
  /// (column `width + t` for total `t`), each row's first entry its pivot, set to 1.
  private var rows: [Sparse] = []
  /// Per cell, the row whose pivot it is (-1: a free cell).
  private var pivotRow: [Int32]
  /// Per total, whether some combination of the added totals that cancels out uses it.
  private var dependent: [Bool]
  private let totals: Int
  private let reducer: Modulus

  /// A sparse vector: its non-zero entries by ascending column.
  struct Sparse {
    var columns: [Int32] = []
    var values: [UInt64] = []
  }

  /// - Parameter totals: how many totals will be added (for ``representation(of:)``).
  init(width: Int, prime: UInt64, totals: Int = 0) {
    precondition(prime < 1 << 32, "products of residues must fit in 64 bits")
    self.width = width
    self.prime = prime
    self.totals = totals
    reducer = Modulus(prime)
    pivotRow = [Int32](repeating: -1, count: width)
    dependent = [Bool](repeating: false, count: totals)
  }

  var rank: Int { rows.count }

  /// The span's rows in reduced echelon form, ordered by pivot: equal for equal spans.
  var canonicalRows: [[UInt64]] {
    pivotRow.filter { $0 >= 0 }.map { rows[Int($0)].dense(width) }
  }

  /// `a · b` modulo the prime, by Barrett reduction (a multiplication instead of a division).
  /// - Precondition: the prime is below 2³², so a product of two residues fits in 64 bits.
  fileprivate func mul(_ a: UInt64, _ b: UInt64) -> UInt64 { reducer.reduce(a &* b) }
  fileprivate func sub(_ a: UInt64, _ b: UInt64) -> UInt64 { a >= b ? a - b : a &+ (prime - b) }

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

  /// Reduces `v` (dense over the cells and the totals) by the rows, so it is zero on every
  /// pivot. A row is zero on every other row's pivot, so each pivot is cleared once, in any
  /// order, by the value `v` had there to begin with.
  private func reduce(_ v: inout [UInt64]) {
    v.withUnsafeMutableBufferPointer { v in
      for c in 0..<width where v[c] != 0 && pivotRow[c] >= 0 {
        let f = v[c]
        let row = rows[Int(pivotRow[c])]
        row.columns.withUnsafeBufferPointer { columns in
          row.values.withUnsafeBufferPointer { values in
            for i in columns.indices {
              let j = Int(columns[i])
              v[j] = sub(v[j], mul(f, values[i]))
            }
          }
        }
      }
    }
  }

  /// The indicator of `cells`, dense over the cells and the totals.
  private func indicator(_ cells: [Int]) -> [UInt64] {
    var v = [UInt64](repeating: 0, count: width + totals)
    for c in cells { v[c] = 1 }
    return v
  }

  /// Adds published total number `total` (0-based, in order) over the cells in `cells`.
  mutating func add(cells: [Int], total: Int? = nil) {
    var v = indicator(cells)
    if let total, total < totals { v[width + total] = 1 }
    insert(&v)
  }

  /// Adds a total with any coefficients (residues) over the cells.
  mutating func add(vector: [UInt64], total: Int? = nil) {
    var v = vector + [UInt64](repeating: 0, count: totals)
    if let total, total < totals { v[width + total] = 1 }
    insert(&v)
  }

  /// Reduces `v` and makes it a row (or, when it is in the span already, a dependency).
  private mutating func insert(_ v: inout [UInt64]) {
    reduce(&v)
    guard let pivot = v[0..<width].firstIndex(where: { $0 != 0 }) else {
      for t in 0..<totals where v[width + t] != 0 { dependent[t] = true }
      return
    }
    let inverse = power(v[pivot], prime - 2)
    var made = Sparse()
    for j in pivot..<v.count where v[j] != 0 {
      made.columns.append(Int32(j))
      made.values.append(mul(v[j], inverse))
    }
    // Clear the new pivot in every row that has it.
    for r in rows.indices {
      guard let at = rows[r].position(of: Int32(pivot)) else { continue }
      let f = rows[r].values[at]
      rows[r] = rows[r].subtracting(made, times: f, self)
    }
    pivotRow[pivot] = Int32(rows.count)
    rows.append(made)
  }

  /// How the sum over `cells` is made from the added totals (coefficients per total), when
  /// it is determined; unique up to the combinations that cancel out.
  func representation(of cells: [Int]) -> [UInt64]? {
    var v = indicator(cells)
    reduce(&v)
    guard v[0..<width].allSatisfy({ $0 == 0 }) else { return nil }
    // v − Σ f·row = 0, so the sum is Σ f·row = −combination.
    return v[width...].map { $0 == 0 ? 0 : prime - $0 }
  }

  /// Whether total number `t` appears in every way of making a sum that `representation`
  /// makes (so that withholding it leaves the sum undetermined).
  func isEssential(_ t: Int, in representation: [UInt64]) -> Bool {
    representation[t] != 0 && !dependent[t]
  }

  /// Whether the sum over `cells` is determined by the published totals.
  func determines(cells: [Int]) -> Bool {
    var v = indicator(cells)
    reduce(&v)
    return v[0..<width].allSatisfy { $0 == 0 }
  }

  /// Each cell's coordinates in a basis of the null space: a set of cells is determined
  /// exactly when its cells' coordinates add up to zero (see ``Witness``).
  func witness() -> Witness {
    var freeIndex = [Int32](repeating: -1, count: width)
    var dimension = 0
    for c in 0..<width where pivotRow[c] < 0 {
      freeIndex[c] = Int32(dimension)
      dimension += 1
    }
    let coordinates = (0..<width).map { c -> Sparse in
      guard pivotRow[c] >= 0 else { return Sparse(columns: [freeIndex[c]], values: [1]) }
      // A pivot's cell is minus its row on the free cells (every other cell of the row is free).
      let row = rows[Int(pivotRow[c])]
      var made = Sparse()
      for (i, j) in row.columns.enumerated() where Int(j) < width && Int(j) != c {
        made.columns.append(freeIndex[Int(j)])
        made.values.append(prime - row.values[i])
      }
      return made
    }
    return Witness(prime: prime, dimension: dimension, sparse: coordinates)
  }

  /// Null-space coordinates of the cells.
  struct Witness {
    let prime: UInt64
    /// The null space's dimension (the coordinates' length).
    let dimension: Int
    /// Per cell, its coordinates.
    let sparse: [Sparse]

    /// Per cell, its coordinates, dense.
    var coordinates: [[UInt64]] {
      sparse.map { $0.dense(dimension) }
    }

    /// Whether the sum over `cells` is determined.
    func determines(_ cells: [Int]) -> Bool {
      var sum = [UInt64](repeating: 0, count: dimension)
      for c in cells {
        let added = sparse[c]
        for (i, j) in added.columns.enumerated() {
          let t = sum[Int(j)] + added.values[i]
          sum[Int(j)] = t >= prime ? t - prime : t
        }
      }
      return sum.allSatisfy { $0 == 0 }
    }
  }
}

extension ModularSpan.Sparse {
  /// The entries in columns `0..<width`, dense.
  func dense(_ width: Int) -> [UInt64] {
    var dense = [UInt64](repeating: 0, count: width)
    for (i, c) in columns.enumerated() where Int(c) < width { dense[Int(c)] = values[i] }
    return dense
  }

  /// The position of `column` among the entries, when it has one.
  func position(of column: Int32) -> Int? {
    var low = 0
    var high = columns.count
    while low < high {
      let mid = (low + high) / 2
      if columns[mid] < column { low = mid + 1 } else { high = mid }
    }
    return low < columns.count && columns[low] == column ? low : nil
  }

  /// `self − f · other`, entries that cancel left out.
  func subtracting(_ other: Self, times f: UInt64, _ span: ModularSpan) -> Self {
    var made = Self()
    made.columns.reserveCapacity(columns.count + other.columns.count)
    made.values.reserveCapacity(columns.count + other.columns.count)
    var i = 0
    var j = 0
    while i < columns.count || j < other.columns.count {
      let a = i < columns.count ? columns[i] : Int32.max
      let b = j < other.columns.count ? other.columns[j] : Int32.max
      let value: UInt64
      let column = min(a, b)
      if a == b {
        value = span.sub(values[i], span.mul(f, other.values[j]))
        i += 1
        j += 1
      } else if a < b {
        value = values[i]
        i += 1
      } else {
        value = span.sub(0, span.mul(f, other.values[j]))
        j += 1
      }
      if value != 0 {
        made.columns.append(column)
        made.values.append(value)
      }
    }
    return made
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
