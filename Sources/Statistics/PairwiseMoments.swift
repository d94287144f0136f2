/// Running sums for the covariance matrix of k variables with missing values, folded one
/// observation at a time: memory grows with k², never with the number of observations.
///
/// For every pair (i, j) it keeps the number of observations where both are present, the sum of
/// xᵢ over those observations and the sum of xᵢ·xⱼ, so that each covariance uses the
/// observations where both variables are present ("pairwise deletion", as pandas' `cov`).
/// Values are shifted by a constant near their centre before summing, which keeps the
/// subtraction in the covariance formula accurate.
public struct PairwiseMoments: Sendable {
  public let count: Int
  public let shift: Double
  /// One buffer, so folding an observation checks one array: observations with every value
  /// present (the common case) go to cheaper complete-row sums, the others to per-pair sums.
  /// completeN, partialN, completeSums[k], completeProducts[k·k] (i ≤ j), pairN[k·k],
  /// pairSums[k·k] (Σ (xᵢ − shift) where i and j are both present), pairProducts[k·k].
  @usableFromInline var storage: [Double]

  /// - Parameters:
  ///   - count: the number of variables, k.
  ///   - shift: a constant near the values' centre (e.g. the midpoint of a rating scale).
  public init(count: Int, shift: Double = 0) {
    self.count = count
    self.shift = shift
    storage = Array(repeating: 0, count: 2 + count + 4 * count * count)
  }

  private var completeSums: Int { layout.completeSums }
  private var completeProducts: Int { layout.completeProducts }
  private var pairN: Int { layout.pairN }
  private var pairSums: Int { layout.pairSums }
  private var pairProducts: Int { layout.pairProducts }

  /// Folds one observation of the k variables; NaN marks a missing value.
  @inlinable public mutating func add(_ values: UnsafeBufferPointer<Double>) {
    precondition(values.count == count, "one value per variable")
    let layout = self.layout
    storage.withUnsafeMutableBufferPointer { Self.fold(values.baseAddress!, into: $0.baseAddress!, layout) }
  }

  /// Folds `rows` observations: observation r's value of variable i is
  /// `matrix[r * stride + columns[i]]` (NaN = missing). Observations with a value missing are
  /// folded one at a time, in order; the complete ones are gathered column by column and their
  /// sums and products added as dot products over the block (no load and store of every sum per
  /// observation). The sums are those of adding the observations one at a time, to the bit,
  /// whenever they are exact, as for answers and shifts that are multiples of a power of two
  /// (whole and half points); otherwise they differ only by rounding.
  @inlinable public mutating func add(rows: Int, of matrix: UnsafePointer<Double>, stride: Int, columns: UnsafePointer<Int>) {
    let layout = self.layout
    let k = layout.k
    withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, k * (rows + 1))) { scratch in
      let x = scratch.baseAddress!
      // Variable i's shifted values at block[i * rows ..< (i + 1) * rows] (NaN = missing); the
      // rows with a value missing are then zeroed, so that they add nothing to the dot products.
      let block = x + k
      for i in 0..<k {
        let column = block + i * rows
        let source = matrix + columns[i]
        for r in 0..<rows { column[r] = source[r * stride] - layout.shift }
      }
      storage.withUnsafeMutableBufferPointer { buffer in
        let s = buffer.baseAddress!
        var complete = 0
        for r in 0..<rows {
          var missing = false
          for i in 0..<k where block[i * rows + r].isNaN { missing = true }
          if !missing {
            complete += 1
            continue
          }
          for i in 0..<k {
            x[i] = matrix[r * stride + columns[i]]
            block[i * rows + r] = 0
          }
          Self.fold(x, into: s, layout)
        }
        Self.foldComplete(block, count: rows, complete: complete, columnStride: rows, into: s, layout)
      }
    }
  }

  /// Adds `complete` observations to the complete-row sums at `s`: variable i's shifted values
  /// at `block[i * columnStride ..< i * columnStride + count]`, zero in the other rows.
  @inlinable
  static func foldComplete(
    _ block: UnsafePointer<Double>, count: Int, complete: Int, columnStride: Int, into s: UnsafeMutablePointer<Double>, _ layout: Layout
  ) {
    guard complete > 0 else { return }
    let k = layout.k
    s[0] += Double(complete)
    for i in 0..<k {
      let a = block + i * columnStride
      s[layout.completeSums + i] += dot(a, nil, count)
      let row = s + layout.completeProducts + i * k
      for j in i..<k { row[j] += dot(a, block + j * columnStride, count) }
    }
  }

  /// Σ a[r]·b[r] over r < count (Σ a[r] without b), four lanes at a time.
  @inlinable @inline(__always)
  static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>?, _ count: Int) -> Double {
    var low = SIMD2<Double>.zero
    var high = SIMD2<Double>.zero
    var r = 0
    let rawA = UnsafeRawPointer(a)
    if let b {
      let rawB = UnsafeRawPointer(b)
      while r + 4 <= count {
        low += rawA.loadUnaligned(fromByteOffset: r * 8, as: SIMD2<Double>.self) * rawB.loadUnaligned(fromByteOffset: r * 8, as: SIMD2<Double>.self)
        high +=
          rawA.loadUnaligned(fromByteOffset: r * 8 + 16, as: SIMD2<Double>.self)
          * rawB.loadUnaligned(fromByteOffset: r * 8 + 16, as: SIMD2<Double>.self)
        r += 4
      }
    } else {
      while r + 4 <= count {
        low += rawA.loadUnaligned(fromByteOffset: r * 8, as: SIMD2<Double>.self)
        high += rawA.loadUnaligned(fromByteOffset: r * 8 + 16, as: SIMD2<Double>.self)
        r += 4
      }
    }
    var total = (low + high).sum()
    while r < count {
      total += a[r] * (b?[r] ?? 1)
      r += 1
    }
    return total
  }

  /// Where the sums sit in ``storage`` (see there), and the shift.
  @usableFromInline struct Layout {
    @usableFromInline let k: Int
    @usableFromInline let shift: Double
    @usableFromInline var completeSums: Int { 2 }
    @usableFromInline var completeProducts: Int { 2 + k }
    @usableFromInline var pairN: Int { 2 + k + k * k }
    @usableFromInline var pairSums: Int { 2 + k + 2 * k * k }
    @usableFromInline var pairProducts: Int { 2 + k + 3 * k * k }
    @usableFromInline init(k: Int, shift: Double) { (self.k, self.shift) = (k, shift) }
  }

  @usableFromInline var layout: Layout { Layout(k: count, shift: shift) }

  /// Folds one observation (`values[0..<k]`, NaN = missing) into the sums at `s`.
  @inlinable @inline(__always)
  static func fold(_ values: UnsafePointer<Double>, into s: UnsafeMutablePointer<Double>, _ layout: Layout) {
    let (k, shift) = (layout.k, layout.shift)
    var complete = true
    var answered = false
    for i in 0..<k {
      if values[i].isNaN { complete = false } else { answered = true }
    }
    if complete {
      s[0] += 1
      for i in 0..<k {
        let xi = values[i] - shift
        s[layout.completeSums + i] += xi
        let row = s + layout.completeProducts + i * k
        for j in i..<k { row[j] += xi * (values[j] - shift) }
      }
      return
    }
    guard answered else { return }
    s[1] += 1
    for i in 0..<k where !values[i].isNaN {
      let xi = values[i] - shift
      for j in 0..<k where !values[j].isNaN {
        let cell = i * k + j
        s[layout.pairN + cell] += 1
        s[layout.pairSums + cell] += xi
        s[layout.pairProducts + cell] += xi * (values[j] - shift)
      }
    }
  }

  /// Folds one observation; NaN marks a missing value.
  /// - Precondition: `values.count == count`.
  public mutating func add(_ values: [Double]) {
    values.withUnsafeBufferPointer { add($0) }
  }

  /// Observations with every value present.
  public var completeCount: Int { Int(storage[0]) }

  /// Observations with at least one value present.
  public var observations: Int { Int(storage[0] + storage[1]) }

  /// Forgets every observation, keeping the storage (no allocation when it is not shared).
  public mutating func reset() {
    storage.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
  }

  /// The number of sums held (2 + k + 4k²): what the accumulator costs in memory.
  public var valueCount: Int { storage.count }

  /// Adds another accumulator of the same variables (e.g. one team's into the organisation's).
  public mutating func merge(_ other: PairwiseMoments) {
    precondition(other.count == count && other.shift == shift, "merging different variables")
    for cell in storage.indices { storage[cell] += other.storage[cell] }
  }

  /// Observations where both i and j are present (i = j: where i is present).
  public func pairCount(_ i: Int, _ j: Int) -> Int { Int(storage[0] + storage[pairN + i * count + j]) }

  /// Σ (xᵢ − shift) over the observations where i and j are both present.
  private func sum(_ i: Int, _ j: Int) -> Double { storage[completeSums + i] + storage[pairSums + i * count + j] }

  /// Σ (xᵢ − shift)(xⱼ − shift) over the observations where both are present.
  private func product(_ i: Int, _ j: Int) -> Double {
    storage[completeProducts + min(i, j) * count + max(i, j)] + storage[pairProducts + i * count + j]
  }

  /// The summary of variable i over the observations where it is present.
  public func summary(_ i: Int) -> SampleSummary? {
    let n = pairCount(i, i)
    guard n > 0 else { return nil }
    let (sum, product) = (sum(i, i), product(i, i))
    let variance = n > 1 ? max(0, Self.comoment(n: n, product: product, si: sum, sj: sum, bound: product) / Double(n - 1)) : 0
    return SampleSummary(n: n, mean: sum / Double(n) + shift, variance: variance)
  }

  /// The sample covariance (divisor n − 1) of i and j over the observations where both are
  /// present; NaN when fewer than two.
  public func covariance(_ i: Int, _ j: Int) -> Double {
    let n = pairCount(i, j)
    guard n > 1 else { return .nan }
    let bound = (product(i, i) * product(j, j)).squareRoot()
    return Self.comoment(n: n, product: product(i, j), si: sum(i, j), sj: sum(j, i), bound: bound) / Double(n - 1)
  }

  /// Σ(xᵢ − x̄ᵢ)(xⱼ − x̄ⱼ) = (n·Σxᵢxⱼ − Σxᵢ·Σxⱼ) / n from shifted sums.
  ///
  /// Written with one division so that integer answers (exact in the shifted sums) give an
  /// exact zero when the true co-moment is zero; a result within rounding of zero, relative to
  /// `bound` (an upper bound of |Σxᵢxⱼ|, e.g. √(Σxᵢ²·Σxⱼ²)), is returned as exactly zero.
  public static func comoment(n: Int, product: Double, si: Double, sj: Double, bound: Double) -> Double {
    let numerator = Double(n) * product - si * sj
    return abs(numerator) <= 1e-12 * Double(n) * bound ? 0 : numerator / Double(n)
  }

  /// The full pairwise covariance matrix.
  public var covarianceMatrix: CovarianceMatrix {
    CovarianceMatrix(count: count) { covariance($0, $1) }
  }
}
