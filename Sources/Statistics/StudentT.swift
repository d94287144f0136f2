/// Student's t distribution with ν degrees of freedom (ν may be fractional, as in Welch's test).
public struct StudentT: Sendable {
  /// Degrees of freedom, ν > 0.
  public let degreesOfFreedom: Double

  /// - Precondition: `degreesOfFreedom` > 0.
  public init(degreesOfFreedom: Double) {
    precondition(degreesOfFreedom > 0, "degrees of freedom must be positive")
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, 1/2), computed without cancellation.
  public func twoSidedP(_ t: Double) -> Double {
    if t.isNaN { return .nan }
    if t.isInfinite { return 0 }
    let nu = degreesOfFreedom
    let t2 = t * t
    return IncompleteBeta.tails(x: nu / (nu + t2), y: t2 / (nu + t2), a: nu / 2, b: 0.5).lower
  }

  /// P(T ≤ t).
  public func cdf(_ t: Double) -> Double {
    let tail = twoSidedP(t) / 2
    return t < 0 ? tail : 1 - tail
  }

  /// P(T > t).
  public func survival(_ t: Double) -> Double { cdf(-t) }

  /// The t with P(T ≤ t) = p.
  /// - Precondition: 0 < p < 1.
  public func quantile(_ p: Double) -> Double {
    precondition(p > 0 && p < 1, "probability must lie strictly between 0 and 1")
    if p == 0.5 { return 0 }
    return QuantileMemo.quantile(.init(family: 0, first: degreesOfFreedom, second: 0, probability: p)) {
      let tail = min(p, 1 - p)
      let t = Bisection.solveDecreasing(target: 2 * tail) { twoSidedP($0) }
      return p < 0.5 ? -t : t
    }
  }
}
