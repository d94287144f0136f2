/// Cronbach's alpha with Feldt's confidence interval, and the item statistics that go with it.
public struct CronbachAlpha: Equatable, Sendable {
  /// α = k / (k − 1) · (1 − tr(C) / ΣC).
  public let alpha: Double
  /// Feldt's interval, when n ≥ 2.
  public let interval: ClosedRange<Double>?
  /// The number of items, k.
  public let items: Int
  /// The sample size used for the interval.
  public let n: Int

  /// Alpha of a covariance matrix, with Feldt's interval for `n` respondents.
  /// - Returns: nil when there are fewer than two items, an undefined covariance or a total
  ///   variance that is not positive.
  public init?(covariance: CovarianceMatrix, n: Int, level: Double = 0.95) {
    guard let alpha = Self.alpha(covariance) else { return nil }
    self.alpha = alpha
    items = covariance.count
    self.n = n
    interval = Self.feldtInterval(alpha: alpha, n: n, items: covariance.count, level: level)
  }

  /// α of a covariance matrix, or nil when it is undefined: also when the total variance is
  /// zero up to rounding (every respondent has the same total, as happens with few 0/1 items),
  /// where the formula would turn rounding noise into a huge negative alpha, and when α would
  /// exceed 1, which only a matrix that is not a covariance matrix of any data can give (under
  /// pairwise deletion each entry rests on different respondents, and with much missing data
  /// the entries need not fit together).
  public static func alpha(_ c: CovarianceMatrix) -> Double? {
    guard c.count >= 2, !c.hasMissingEntries else { return nil }
    let total = c.total
    guard total > 0, total > 1e-12 * c.trace else { return nil }
    let k = Double(c.count)
    let alpha = k / (k - 1) * (1 - c.trace / total)
    guard alpha <= 1 + 1e-12 else { return nil }
    return min(alpha, 1)
  }

  /// Feldt, Woodruff & Salih (1987): with ν₁ = n − 1 and ν₂ = (n − 1)(k − 1),
  /// lower = 1 − (1 − α) · F⁻¹(1 − c/2; ν₁, ν₂) and upper = 1 − (1 − α) · F⁻¹(c/2; ν₁, ν₂),
  /// where c = 1 − level.
  /// - Returns: nil when n < 2, k < 2 or α is not below 1 (or not finite).
  public static func feldtInterval(alpha: Double, n: Int, items k: Int, level: Double = 0.95) -> ClosedRange<Double>? {
    guard n >= 2, k >= 2, alpha.isFinite, alpha < 1 else { return nil }
    let f = FisherF(numeratorDegrees: Double(n - 1), denominatorDegrees: Double((n - 1) * (k - 1)))
    let tail = (1 - level) / 2
    let lower = 1 - (1 - alpha) * f.quantile(1 - tail)
    let upper = 1 - (1 - alpha) * f.quantile(tail)
    guard lower.isFinite, upper.isFinite, lower <= upper else { return nil }
    return lower...upper
  }

  /// Per item: the corrected item-total correlation (the item against the sum of the other
  /// items, cov(i, T − i) / √(var i · var(T − i)), from the covariance matrix) and alpha if the
  /// item were deleted (alpha of the matrix without it).
  ///
  /// A sum of covariances within rounding of zero (relative to the sum of the magnitudes of its
  /// terms) is zero: an exact zero correlation is 0, not ±2e−16, and a variance of zero gives
  /// no correlation (nil), not rounding noise divided by rounding noise.
  public static func itemStatistics(_ c: CovarianceMatrix) -> [ItemStatistics] {
    (0..<c.count).map { i in
      var withRest = Sum()
      var restVariance = Sum()
      for j in 0..<c.count where j != i {
        withRest.add(c[i, j])
        for l in 0..<c.count where l != i { restVariance.add(c[j, l]) }
      }
      let denominator = (c[i, i] * restVariance.value).squareRoot()
      var correlation: Double? = nil
      if c[i, i] > 0, restVariance.value > 0, denominator.isFinite, denominator > 0 {
        correlation = withRest.value / denominator
      }
      return ItemStatistics(itemRestCorrelation: correlation, alphaIfDeleted: alpha(c.removing(i)))
    }
  }

  /// A sum that reads as exactly zero when it is zero up to the rounding of its terms.
  private struct Sum {
    private var total = 0.0, magnitude = 0.0
    mutating func add(_ x: Double) {
      total += x
      magnitude += abs(x)
    }
    var value: Double { abs(total) <= 1e-12 * magnitude ? 0 : total }
  }
}

/// Reliability statistics of one item within its scale.
public struct ItemStatistics: Equatable, Sendable {
  /// The corrected item-total correlation (nil when the item or the rest has no variance).
  public var itemRestCorrelation: Double?
  /// Alpha of the scale without this item (nil with fewer than three items).
  public var alphaIfDeleted: Double?

  public init(itemRestCorrelation: Double?, alphaIfDeleted: Double?) {
    self.itemRestCorrelation = itemRestCorrelation
    self.alphaIfDeleted = alphaIfDeleted
  }
}
