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
  private var pairCounts: [Int]
  /// sums[i·k + j] = Σ (xᵢ − shift) over observations where i and j are both present.
  private var sums: [Double]
  private var products: [Double]
  private var present: [Int] = []

  /// - Parameters:
  ///   - count: the number of variables, k.
  ///   - shift: a constant near the values' centre (e.g. the midpoint of a rating scale).
  public init(count: Int, shift: Double = 0) {
    self.count = count
    self.shift = shift
    pairCounts = Array(repeating: 0, count: count * count)
    sums = Array(repeating: 0, count: count * count)
    products = Array(repeating: 0, count: count * count)
    present.reserveCapacity(count)
  }

  /// Folds one observation; NaN marks a missing value.
  /// - Precondition: `values.count == count`.
  public mutating func add(_ values: [Double]) {
    precondition(values.count == count, "one value per variable")
    present.removeAll(keepingCapacity: true)
    for i in 0..<count where !values[i].isNaN { present.append(i) }
    for i in present {
      let xi = values[i] - shift
      for j in present {
        let cell = i * count + j
        pairCounts[cell] += 1
        sums[cell] += xi
        products[cell] += xi * (values[j] - shift)
      }
    }
  }

  /// Adds another accumulator of the same variables (e.g. one team's into the organisation's).
  public mutating func merge(_ other: PairwiseMoments) {
    precondition(other.count == count && other.shift == shift, "merging different variables")
    for cell in pairCounts.indices {
      pairCounts[cell] += other.pairCounts[cell]
      sums[cell] += other.sums[cell]
      products[cell] += other.products[cell]
    }
  }

  /// Observations where both i and j are present (i = j: where i is present).
  public func pairCount(_ i: Int, _ j: Int) -> Int { pairCounts[i * count + j] }

  /// The summary of variable i over the observations where it is present.
  public func summary(_ i: Int) -> SampleSummary? {
    let cell = i * count + i
    let n = pairCounts[cell]
    guard n > 0 else { return nil }
    let mean = sums[cell] / Double(n)
    let variance =
      n > 1 ? max(0, Self.comoment(n: n, product: products[cell], si: sums[cell], sj: sums[cell], bound: products[cell]) / Double(n - 1)) : 0
    return SampleSummary(n: n, mean: mean + shift, variance: variance)
  }

  /// The sample covariance (divisor n − 1) of i and j over the observations where both are
  /// present; NaN when fewer than two.
  public func covariance(_ i: Int, _ j: Int) -> Double {
    let n = pairCounts[i * count + j]
    guard n > 1 else { return .nan }
    let si = sums[i * count + j]
    let sj = sums[j * count + i]
    let bound = (products[i * count + i] * products[j * count + j]).squareRoot()
    return Self.comoment(n: n, product: products[i * count + j], si: si, sj: sj, bound: bound) / Double(n - 1)
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
