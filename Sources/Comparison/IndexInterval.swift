import Statistics
import SurveyModel

/// The confidence interval of a team's declarative index: the mean over dimensions of the POMP
/// of each dimension mean.
///
/// The index is a linear combination of dimension means, so its variance is
/// (100 / (max − min) / D)² · Σ_d Σ_e cov(x̄_d, x̄_e), with cov(x̄_d, x̄_e) = n_de / (n_d · n_e) ·
/// cov_de, where n_de respondents have scores on both d and e and cov_de is their pairwise
/// sample covariance (exact for complete data, where it reduces to cov_de / n). The interval
/// uses t with the smallest n_d − 1 degrees of freedom.
enum IndexInterval {
  /// - Returns: nil when a dimension has fewer than two scores or a covariance is undefined.
  static func interval(index: Double, scores: PairwiseMoments, scale: Scale, level: Double) -> Interval? {
    let present = (0..<scores.count).filter { scores.pairCount($0, $0) > 0 }
    guard !present.isEmpty, let smallest = present.map({ scores.pairCount($0, $0) }).min(), smallest > 1 else { return nil }
    var variance = 0.0
    for d in present {
      for e in present {
        let both = scores.pairCount(d, e)
        if both == 0 { continue }
        let covariance = scores.covariance(d, e)
        guard covariance.isFinite else { return nil }
        variance += Double(both) / Double(scores.pairCount(d, d) * scores.pairCount(e, e)) * covariance
      }
    }
    let factor = 100 / (scale.max - scale.min) / Double(present.count)
    let standardError = factor * max(0, variance).squareRoot()
    let half = StudentT(degreesOfFreedom: Double(smallest - 1)).quantile(1 - (1 - level) / 2) * standardError
    return Interval(lower: index - half, upper: index + half)
  }
}
