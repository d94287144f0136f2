import Statistics

/// The whole sample's moments of one dimension's items, for its reliability: picks the
/// dimension's items out of each respondent's keyed answers and folds them into
/// ``PairwiseMoments`` (pairwise deletion, as pandas' `cov()`). Memory: k² per dimension,
/// whatever the number of respondents. A class, so a batch's sums are merged in place.
final class DimensionMoments: @unchecked Sendable {
  /// The positions of the dimension's items among the framework's items in use.
  private let items: UnsafeMutablePointer<Int>
  private(set) var moments: PairwiseMoments

  init(items: [Int]) {
    self.items = .allocate(capacity: max(1, items.count))
    for (n, i) in items.enumerated() { self.items[n] = i }
    moments = PairwiseMoments(count: items.count)
  }

  deinit {
    items.deallocate()
  }

  /// Adds `rows` respondents, in order, given their keyed answers to all the framework's items
  /// (row r's item i at `keyed[r * stride + i]`, NaN = missing).
  func add(rows: Int, keyed: UnsafePointer<Double>, stride: Int) {
    moments.add(rows: rows, of: keyed, stride: stride, columns: items)
  }

  /// Adds another set of sums (of the same dimension).
  func merge(_ other: DimensionMoments) { moments.merge(other.moments) }

  /// Cronbach's alpha from the pairwise covariance matrix (as pandas' `cov()` and pingouin's
  /// default), or nil when it is not defined (fewer than 2 items, or no variance).
  var alpha: Double? { CronbachAlpha.alpha(moments.covarianceMatrix) }

  /// Respondents who answered every item.
  var completeRespondents: Int { moments.completeCount }

  /// Respondents who answered at least one item.
  var respondents: Int { moments.observations }
}
