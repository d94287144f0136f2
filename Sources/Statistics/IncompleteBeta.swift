import Foundation

/// The regularized incomplete beta function I_x(a, b), the building block of the Student t
/// and F distributions.
public enum IncompleteBeta {
  /// Both tails: `lower` = I_x(a, b) and `upper` = 1 − I_x(a, b) = I_y(b, a), each computed
  /// directly (not as 1 − the other) so that a tiny tail keeps its relative precision.
  /// - Parameters:
  ///   - x: the point, 0 ≤ x ≤ 1.
  ///   - y: 1 − x, passed separately because callers can often compute it without
  ///     cancellation (e.g. t² / (ν + t²) instead of 1 − ν / (ν + t²)).
  ///   - a: first shape parameter (> 0).
  ///   - b: second shape parameter (> 0).
  public static func tails(x: Double, y: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
    precondition(a > 0 && b > 0, "shape parameters must be positive")
    if x <= 0 { return (0, 1) }
    if y <= 0 { return (1, 0) }
    // The continued fraction converges quickly when x < (a + 1) / (a + b + 2); on the other
    // side the symmetry I_x(a, b) = 1 − I_y(b, a) swaps the roles.
    if x < (a + 1) / (a + b + 2) {
      let lower = continuedFractionTail(x: x, y: y, a: a, b: b)
      return (lower, 1 - lower)
    }
    let upper = continuedFractionTail(x: y, y: x, a: b, b: a)
    return (1 - upper, upper)
  }

  /// I_x(a, b) for 0 ≤ x ≤ 1.
  public static func regularized(_ x: Double, a: Double, b: Double) -> Double {
    tails(x: x, y: 1 - x, a: a, b: b).lower
  }

  /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
  static func logBeta(_ a: Double, _ b: Double) -> Double {
    lgamma(a) + lgamma(b) - lgamma(a + b)
  }

  /// x^a · y^b / (a · B(a, b)) times the continued fraction of I_x(a, b), evaluated with the
  /// modified Lentz method. Accurate when x < (a + 1) / (a + b + 2).
  private static func continuedFractionTail(x: Double, y: Double, a: Double, b: Double) -> Double {
    let logFront = a * log(x) + b * log(y) - logBeta(a, b) - log(a)
    return exp(logFront) * continuedFraction(x: x, a: a, b: b)
  }

  /// The continued fraction 1 / (1 + d₁ / (1 + d₂ / (1 + …))) with
  /// d₂ₘ₊₁ = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) and
  /// d₂ₘ = m (b − m) x / ((a + 2m − 1)(a + 2m)).
  private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300
    let epsilon = 1e-16
    func guarded(_ value: Double) -> Double { abs(value) < tiny ? tiny : value }
    // Term d₁ (m = 0, odd step) starts the recurrence.
    var denominator = 1 / guarded(1 - (a + b) * x / (a + 1))
    var numerator = 1.0
    var result = denominator
    for step in 1...20_000 {
      let m = Double(step)
      let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      denominator = 1 / guarded(1 + even * denominator)
      numerator = guarded(1 + even / numerator)
      result *= denominator * numerator
      let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      denominator = 1 / guarded(1 + odd * denominator)
      numerator = guarded(1 + odd / numerator)
      let change = denominator * numerator
      result *= change
      if abs(change - 1) < epsilon { break }
    }
    return result
  }
}
