/// The eigen-decomposition A = Q Λ Qᵀ of a small symmetric matrix by the cyclic Jacobi method
/// (accurate to rounding for the correlation matrices of a few dozen drivers; written by hand
/// because Foundation has no LAPACK on Linux).
public struct SymmetricEigen: Sendable {
  /// The eigenvalues Λ, in no particular order.
  public let values: [Double]
  /// The eigenvectors as the columns of Q, row-major: vectors[i·k + j] = Qᵢⱼ.
  public let vectors: [Double]
  public let count: Int

  /// - Parameter rows: a symmetric k × k matrix.
  public init(_ rows: [[Double]]) {
    let k = rows.count
    var a = rows.flatMap { $0 }
    var q = [Double](repeating: 0, count: k * k)
    for i in 0..<k { q[i * k + i] = 1 }
    let scale = a.reduce(0) { $0 + $1 * $1 }
    for _ in 0..<100 {
      var off = 0.0
      for i in 0..<k { for j in 0..<k where i != j { off += a[i * k + j] * a[i * k + j] } }
      if off <= 1e-30 * max(scale, 1e-300) { break }
      for p in 0..<k {
        for r in (p + 1)..<max(p + 1, k) where a[p * k + r] != 0 {
          // The rotation that zeroes a[p][r] (Golub & Van Loan, algorithm 8.4.1).
          let theta = (a[r * k + r] - a[p * k + p]) / (2 * a[p * k + r])
          let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for i in 0..<k {
            let aip = a[i * k + p]
            let air = a[i * k + r]
            a[i * k + p] = c * aip - s * air
            a[i * k + r] = s * aip + c * air
          }
          for j in 0..<k {
            let apj = a[p * k + j]
            let arj = a[r * k + j]
            a[p * k + j] = c * apj - s * arj
            a[r * k + j] = s * apj + c * arj
          }
          for i in 0..<k {
            let qip = q[i * k + p]
            let qir = q[i * k + r]
            q[i * k + p] = c * qip - s * qir
            q[i * k + r] = s * qip + c * qir
          }
        }
      }
    }
    count = k
    values = (0..<k).map { a[$0 * k + $0] }
    vectors = q
  }
}
