import Statistics

/// The whole sample's moments of one dimension's items, for its reliability: picks the
/// dimension's items out of each respondent's keyed answers and folds them into
/// ``PairwiseMoments`` (pairwise deletion, as pandas' `cov()`). Memory: k² per dimension,
/// whatever the number of respondents. A class, so a batch's sums are merged in place.
final class DimensionMoments: @unchecked Sendable {
  /// The positions of the dimension's items among the framework's items in use.
  private let items: UnsafeMutablePointer<Int>
  /// The picked answers of the respondent being folded.
  private let x: UnsafeMutablePointer<Double>
  private(set) var moments: PairwiseMoments

  init(items: [Int]) {
    self.items = .allocate(capacity: max(1, items.count))
    for (n, i) in items.enumerated() { self.items[n] = i }
    x = .allocate(capacity: max(1, items.count))
    moments = PairwiseMoments(count: items.count)
  }

  deinit {
    items.deallocate()
    x.deallocate()
  }

  /// Adds one respondent, given the keyed answers of all the framework's items (NaN = missing).
  @inline(__always)
  func add(keyed: UnsafePointer<Double>) {
    let k = moments.count
    for i in 0..<k { x[i] = keyed[items[i]] }
    moments.add(UnsafeBufferPointer(start: x, count: k))
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
