/// Running sums for the covariance matrix of k variables over the observations where all k are
/// present ("listwise deletion"); memory grows with k², never with the observations.
public struct CompleteCaseMoments: Sendable {
  public let count: Int
  public let shift: Double
  /// Complete observations folded so far.
  public private(set) var n = 0
  private var sums: [Double]
  private var products: [Double]

  /// - Parameters:
  ///   - count: the number of variables, k.
  ///   - shift: a constant near the values' centre, subtracted before summing.
  public init(count: Int, shift: Double = 0) {
    self.count = count
    self.shift = shift
    sums = Array(repeating: 0, count: count)
    products = Array(repeating: 0, count: count * count)
  }

  /// Folds one observation if none of its values is missing (NaN).
  /// - Precondition: `values.count == count`.
  public mutating func add(_ values: [Double]) {
    precondition(values.count == count, "one value per variable")
    guard !values.contains(where: \.isNaN) else { return }
    n += 1
    for i in 0..<count {
      let xi = values[i] - shift
      sums[i] += xi
      for j in 0..<count { products[i * count + j] += xi * (values[j] - shift) }
    }
  }

  /// Forgets every observation, keeping the storage (no allocation when it is not shared).
  public mutating func reset() {
    n = 0
    sums.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    products.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
  }

  /// The number of sums held (k + k²): what the accumulator costs in memory.
  public var valueCount: Int { sums.count + products.count }

  /// Adds another accumulator of the same variables.
  public mutating func merge(_ other: CompleteCaseMoments) {
    precondition(other.count == count && other.shift == shift, "merging different variables")
    n += other.n
    for i in sums.indices { sums[i] += other.sums[i] }
    for cell in products.indices { products[cell] += other.products[cell] }
  }

  /// The covariance matrix (divisor n − 1) of the complete observations; NaN when n < 2.
  public var covarianceMatrix: CovarianceMatrix {
    CovarianceMatrix(count: count) { i, j in
      guard n > 1 else { return .nan }
      let bound = (products[i * count + i] * products[j * count + j]).squareRoot()
      return PairwiseMoments.comoment(n: n, product: products[i * count + j], si: sums[i], sj: sums[j], bound: bound) / Double(n - 1)
    }
  }
}
