/// Fisher's F distribution with (d₁, d₂) degrees of freedom.
public struct FisherF: Sendable {
  public let numeratorDegrees: Double
  public let denominatorDegrees: Double

  /// - Precondition: both degrees of freedom > 0.
  public init(numeratorDegrees: Double, denominatorDegrees: Double) {
    precondition(numeratorDegrees > 0 && denominatorDegrees > 0, "degrees of freedom must be positive")
    self.numeratorDegrees = numeratorDegrees
    self.denominatorDegrees = denominatorDegrees
  }

  /// Both tails at f: P(F ≤ f) = I_{d₁f/(d₁f+d₂)}(d₁/2, d₂/2) and P(F > f), each direct.
  func tails(_ f: Double) -> (lower: Double, upper: Double) {
    if f <= 0 { return (0, 1) }
    if f.isInfinite { return (1, 0) }
    let d1 = numeratorDegrees
    let d2 = denominatorDegrees
    let scaled = d1 * f
    return IncompleteBeta.tails(x: scaled / (scaled + d2), y: d2 / (scaled + d2), a: d1 / 2, b: d2 / 2)
  }

  /// P(F ≤ f).
  public func cdf(_ f: Double) -> Double { tails(f).lower }

  /// P(F > f).
  public func survival(_ f: Double) -> Double { tails(f).upper }

  /// The f with P(F ≤ f) = p, found by bisection on the CDF (lower tail for p ≤ ½, upper tail
  /// otherwise, so that extreme quantiles keep their precision).
  /// - Precondition: 0 < p < 1.
  public func quantile(_ p: Double) -> Double {
    precondition(p > 0 && p < 1, "probability must lie strictly between 0 and 1")
    return QuantileMemo.quantile(.init(family: 1, first: numeratorDegrees, second: denominatorDegrees, probability: p)) {
      if p <= 0.5 {
        return Bisection.solveIncreasing(target: p) { tails($0).lower }
      }
      return Bisection.solveDecreasing(target: 1 - p) { tails($0).upper }
    }
  }
}
