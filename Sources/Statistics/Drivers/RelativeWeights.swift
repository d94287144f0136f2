/// Johnson's (2000) relative weights: how much of the outcome's explained variance (R²) each of
/// several correlated drivers accounts for.
///
/// With the drivers' correlation matrix Rxx = Q Λ Qᵀ and their correlations with the outcome
/// r, let L = Q Λ^½ Qᵀ (the correlations of the drivers with their closest orthogonal
/// counterparts) and β = L⁻¹ r (the outcome regressed on those counterparts). Then
/// R² = Σ βₖ² and driver j's raw weight is εⱼ = Σₖ Lⱼₖ² βₖ²; the weights add up to R².
public struct RelativeWeights: Equatable, Sendable {
  /// εⱼ per driver, in the order given.
  public let raw: [Double]
  /// R² of the outcome on all drivers.
  public let rSquared: Double

  /// εⱼ / R²: each driver's share of the explained variance (all zero when R² is zero).
  public var shares: [Double] { raw.map { rSquared > 0 ? $0 / rSquared : 0 } }

  /// - Parameters:
  ///   - correlations: Rxx, the drivers' correlation matrix (k × k).
  ///   - outcome: r, each driver's correlation with the outcome.
  /// - Returns: nil when Rxx is singular (a driver is a linear combination of others).
  public init?(correlations: [[Double]], outcome: [Double]) {
    let k = outcome.count
    precondition(correlations.count == k, "one row per driver")
    let eigen = SymmetricEigen(correlations)
    let largest = eigen.values.max() ?? 0
    guard k > 0, eigen.values.allSatisfy({ $0 > 1e-10 * max(largest, 1) }) else { return nil }
    let q = eigen.vectors
    // L = Q Λ^½ Qᵀ and L⁻¹ = Q Λ^-½ Qᵀ (symmetric).
    var root = [Double](repeating: 0, count: k * k)
    var inverse = root
    for i in 0..<k {
      for j in 0..<k {
        var s = 0.0
        var t = 0.0
        for m in 0..<k {
          s += q[i * k + m] * eigen.values[m].squareRoot() * q[j * k + m]
          t += q[i * k + m] / eigen.values[m].squareRoot() * q[j * k + m]
        }
        root[i * k + j] = s
        inverse[i * k + j] = t
      }
    }
    let beta = (0..<k).map { i in (0..<k).reduce(0.0) { $0 + inverse[i * k + $1] * outcome[$1] } }
    raw = (0..<k).map { j in (0..<k).reduce(0.0) { $0 + root[j * k + $1] * root[j * k + $1] * beta[$1] * beta[$1] } }
    rSquared = beta.reduce(0) { $0 + $1 * $1 }
  }

  /// The weights of an outcome and drivers given as columns of complete observations.
  /// - Returns: nil when a column has no variance or the drivers are collinear.
  public init?(outcome y: [Double], drivers x: [[Double]]) {
    guard let matrix = CorrelationMatrix(columns: [y] + x) else { return nil }
    let k = x.count
    self.init(correlations: (1...k).map { i in (1...k).map { matrix[i, $0] } }, outcome: (1...k).map { matrix[0, $0] })
  }
}

/// Pearson correlations between columns of complete observations.
public struct CorrelationMatrix: Sendable {
  private let values: [Double]
  public let count: Int

  /// - Returns: nil when fewer than two observations or a column has no variance.
  public init?(columns: [[Double]]) {
    let k = columns.count
    guard let n = columns.first?.count, n >= 2 else { return nil }
    let centred = columns.map { column -> [Double] in
      let mean = column.reduce(0, +) / Double(n)
      return column.map { $0 - mean }
    }
    let norms = centred.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    guard norms.allSatisfy({ $0 > 0 }) else { return nil }
    var values = [Double](repeating: 1, count: k * k)
    for i in 0..<k {
      for j in (i + 1)..<max(i + 1, k) {
        var s = 0.0
        for m in 0..<n { s += centred[i][m] * centred[j][m] }
        let r = max(-1, min(1, s / (norms[i] * norms[j])))
        values[i * k + j] = r
        values[j * k + i] = r
      }
    }
    self.values = values
    count = k
  }

  public subscript(i: Int, j: Int) -> Double { values[i * count + j] }
}
