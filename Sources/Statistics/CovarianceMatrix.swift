/// A symmetric k × k covariance matrix.
public struct CovarianceMatrix: Equatable, Sendable {
  public let count: Int
  /// Row-major values.
  public private(set) var values: [Double]

  /// Builds the matrix from an entry function.
  public init(count: Int, entry: (Int, Int) -> Double) {
    self.count = count
    var values: [Double] = []
    values.reserveCapacity(count * count)
    for i in 0..<count { for j in 0..<count { values.append(entry(i, j)) } }
    self.values = values
  }

  /// Builds the matrix from rows.
  public init(rows: [[Double]]) {
    self.init(count: rows.count) { rows[$0][$1] }
  }

  public subscript(i: Int, j: Int) -> Double { values[i * count + j] }

  /// The sum of the diagonal (the item variances).
  public var trace: Double { (0..<count).reduce(0) { $0 + self[$1, $1] } }

  /// The sum of every entry (the variance of the sum of the variables).
  public var total: Double { values.reduce(0, +) }

  /// Whether any entry is undefined.
  public var hasMissingEntries: Bool { values.contains(where: \.isNaN) }

  /// The matrix without variable `index`.
  public func removing(_ index: Int) -> CovarianceMatrix {
    let kept = (0..<count).filter { $0 != index }
    return CovarianceMatrix(count: kept.count) { self[kept[$0], kept[$1]] }
  }
}
