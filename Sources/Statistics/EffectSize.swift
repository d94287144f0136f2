/// Standardised effect sizes.
public enum EffectSize {
  /// Cohen's d with the pooled standard deviation:
  /// (meanₐ − meanᵦ) / √(((nₐ − 1)s²ₐ + (nᵦ − 1)s²ᵦ) / (nₐ + nᵦ − 2)).
  /// - Returns: nil when the pooled standard deviation is 0 or undefined.
  public static func cohensD(_ a: SampleSummary, _ b: SampleSummary) -> Double? {
    let degrees = a.n + b.n - 2
    guard degrees > 0 else { return nil }
    let pooled = ((Double(a.n - 1) * a.variance + Double(b.n - 1) * b.variance) / Double(degrees)).squareRoot()
    guard pooled > 0 else { return nil }
    return (a.mean - b.mean) / pooled
  }
}
