/// Welch's unequal-variance t-test of two independent samples.
public struct WelchTest: Equatable, Sendable {
  /// The difference of means, a − b.
  public let difference: Double
  /// The standard error of the difference, √(s²ₐ/nₐ + s²ᵦ/nᵦ).
  public let standardError: Double
  public let t: Double
  /// The Welch–Satterthwaite degrees of freedom.
  public let degreesOfFreedom: Double
  /// The two-sided p-value.
  public let p: Double

  /// Tests whether the means of `a` and `b` differ.
  /// - Returns: nil when either sample has fewer than two values or both have no variance.
  public init?(_ a: SampleSummary, _ b: SampleSummary) {
    guard a.n > 1, b.n > 1 else { return nil }
    let va = a.variance / Double(a.n)
    let vb = b.variance / Double(b.n)
    let se2 = va + vb
    guard se2 > 0 else { return nil }
    difference = a.mean - b.mean
    standardError = se2.squareRoot()
    t = difference / standardError
    degreesOfFreedom = se2 * se2 / (va * va / Double(a.n - 1) + vb * vb / Double(b.n - 1))
    p = StudentT(degreesOfFreedom: degreesOfFreedom).twoSidedP(t)
  }

  /// The smallest true difference this comparison would detect with probability `power` in a
  /// two-sided test at level `alpha`: (t₁₋α/₂ + t_power) · SE, both quantiles at the Welch
  /// degrees of freedom (the usual normal-approximation formula with t in place of z).
  public func minimumDetectableDifference(alpha: Double = 0.05, power: Double = 0.8) -> Double {
    let distribution = StudentT(degreesOfFreedom: degreesOfFreedom)
    return (distribution.quantile(1 - alpha / 2) + distribution.quantile(power)) * standardError
  }
}
