import Foundation

/// Pearson's correlation of two paired samples with its Fisher-z confidence interval and the
/// two-sided p-value of H₀: ρ = 0.
public struct Correlation: Equatable, Sendable {
  public let r: Double
  public let n: Int
  /// tanh(atanh r ± z₁₋c/₂ / √(n − 3)); nil when n ≤ 3 or |r| = 1.
  public let interval: ClosedRange<Double>?
  /// From t = r √((n − 2) / (1 − r²)) with n − 2 degrees of freedom; nil when n ≤ 2.
  public let p: Double?

  /// - Returns: nil when n < 2 or either sample has no variance.
  public init?(_ x: [Double], _ y: [Double], level: Double = 0.95) {
    precondition(x.count == y.count, "paired samples")
    let n = x.count
    guard n >= 2 else { return nil }
    let mx = x.reduce(0, +) / Double(n)
    let my = y.reduce(0, +) / Double(n)
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for i in 0..<n {
      let dx = x[i] - mx
      let dy = y[i] - my
      sxy += dx * dy
      sxx += dx * dx
      syy += dy * dy
    }
    guard sxx > 0, syy > 0 else { return nil }
    self.init(r: max(-1, min(1, sxy / (sxx * syy).squareRoot())), n: n, level: level)
  }

  /// The interval and p of a known r from n pairs.
  public init(r: Double, n: Int, level: Double = 0.95) {
    self.r = r
    self.n = n
    if n > 3, abs(r) < 1 {
      let half = Normal.quantile(1 - (1 - level) / 2) / Double(n - 3).squareRoot()
      let z = atanh(r)
      interval = tanh(z - half)...tanh(z + half)
    } else {
      interval = nil
    }
    if n > 2 {
      p = abs(r) >= 1 ? 0 : StudentT(degreesOfFreedom: Double(n - 2)).twoSidedP(r * (Double(n - 2) / (1 - r * r)).squareRoot())
    } else {
      p = nil
    }
  }
}

/// The standard normal distribution.
public enum Normal {
  /// P(Z ≤ z) = erfc(−z/√2)/2.
  public static func cdf(_ z: Double) -> Double { erfc(-z / 2.0.squareRoot()) / 2 }

  /// The z with P(Z ≤ z) = p, to full double precision (bisection on the upper tail).
  /// - Precondition: 0 < p < 1.
  public static func quantile(_ p: Double) -> Double {
    precondition(p > 0 && p < 1, "probability must lie strictly between 0 and 1")
    if p == 0.5 { return 0 }
    let tail = min(p, 1 - p)
    let z = Bisection.solveDecreasing(target: 2 * tail) { erfc($0 / 2.0.squareRoot()) }
    return p < 0.5 ? -z : z
  }
}
