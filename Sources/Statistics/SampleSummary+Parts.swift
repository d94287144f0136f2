extension SampleSummary {
  /// The summary of the observations of `self` that are not in `part`, a sub-sample of it
  /// (e.g. the rest of the organisation once a team is taken out).
  ///
  /// With sums of squared deviations SS = (n − 1)s², the rest has
  /// SSᵣ = SS − SSₚ − nₚ(x̄ₚ − x̄)² − nᵣ(x̄ᵣ − x̄)² (the parallel-axis decomposition).
  /// - Returns: nil when nothing is left.
  public func removing(_ part: SampleSummary) -> SampleSummary? {
    let restN = n - part.n
    guard restN > 0 else { return nil }
    let restMean = (Double(n) * mean - Double(part.n) * part.mean) / Double(restN)
    let squares =
      Double(n - 1) * variance - Double(part.n - 1) * part.variance
      - Double(part.n) * (part.mean - mean) * (part.mean - mean) - Double(restN) * (restMean - mean) * (restMean - mean)
    return SampleSummary(n: restN, mean: restMean, variance: restN > 1 ? max(0, squares / Double(restN - 1)) : 0)
  }
}
