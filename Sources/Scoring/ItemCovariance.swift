import Statistics

/// Sums for Cronbach's alpha of one dimension over the whole sample, with pairwise deletion:
/// for each item pair, the count of respondents answering both, the sums of each item over
/// them and the sum of products. Rows with every item answered (the common case) go to
/// cheaper complete-row sums. Memory: k² per dimension, whatever the number of respondents.
/// Held in raw memory because it is updated once per respondent and dimension.
final class ItemCovariance: @unchecked Sendable {
  let k: Int
  /// The positions of the dimension's items among the framework's items in use.
  private let items: UnsafeMutablePointer<Int>
  /// completeN, completeSum[k], completeProducts[k*k], pairN[k*k], pairSum[k*k], pairProducts[k*k],
  /// partialN (respondents who answered some but not all of the items)
  private let storage: UnsafeMutablePointer<Double>
  private let size: Int
  private let x: UnsafeMutablePointer<Double>

  init(items: [Int]) {
    k = items.count
    self.items = .allocate(capacity: max(1, k))
    for (n, i) in items.enumerated() { self.items[n] = i }
    size = 2 + k + 4 * k * k
    storage = .allocate(capacity: size)
    storage.initialize(repeating: 0, count: size)
    x = .allocate(capacity: max(1, k))
  }

  deinit {
    items.deallocate()
    storage.deallocate()
    x.deallocate()
  }

  private var completeSum: UnsafeMutablePointer<Double> { storage + 1 }
  private var completeProducts: UnsafeMutablePointer<Double> { storage + 1 + k }
  private var pairN: UnsafeMutablePointer<Double> { storage + 1 + k + k * k }
  private var pairSum: UnsafeMutablePointer<Double> { storage + 1 + k + 2 * k * k }
  private var pairProducts: UnsafeMutablePointer<Double> { storage + 1 + k + 3 * k * k }

  /// Adds one respondent, given the keyed answers of all the framework's items (NaN = missing).
  @inline(__always)
  func add(keyed: UnsafePointer<Double>) {
    let x = x
    let k = k
    let items = items
    var complete = true
    for i in 0..<k {
      x[i] = keyed[items[i]]
      if x[i].isNaN { complete = false }
    }
    if complete {
      storage[0] += 1
      let sum = completeSum
      let products = completeProducts
      for i in 0..<k {
        let xi = x[i]
        sum[i] += xi
        let row = products + i * k
        for j in i..<k { row[j] += xi * x[j] }
      }
      return
    }
    let n = pairN
    let sum = pairSum
    let products = pairProducts
    var answered = false
    for i in 0..<k where !x[i].isNaN {
      answered = true
      for j in 0..<k where !x[j].isNaN {
        n[i * k + j] += 1
        sum[i * k + j] += x[i]
        products[i * k + j] += x[i] * x[j]
      }
    }
    if answered { storage[size - 1] += 1 }
  }

  /// Adds another set of sums (of the same dimension).
  func merge(_ other: ItemCovariance) {
    for i in 0..<size { storage[i] += other.storage[i] }
  }

  /// The pairwise covariance of items i and j (sample, n − 1), or nil with fewer than 2 pairs.
  func covariance(_ i: Int, _ j: Int) -> Double? {
    let n = storage[0] + pairN[i * k + j]
    guard n > 1 else { return nil }
    let sumI = completeSum[i] + pairSum[i * k + j]
    let sumJ = completeSum[j] + pairSum[j * k + i]
    let products = completeProducts[min(i, j) * k + max(i, j)] + pairProducts[i * k + j]
    let squaresI = completeProducts[i * k + i] + pairProducts[i * k + i]
    let squaresJ = completeProducts[j * k + j] + pairProducts[j * k + j]
    return PairwiseMoments.comoment(n: Int(n), product: products, si: sumI, sj: sumJ, bound: (squaresI * squaresJ).squareRoot()) / (n - 1)
  }

  /// Cronbach's alpha from the pairwise covariance matrix (as pandas' `cov()` and pingouin's
  /// default), or nil when it is not defined (fewer than 2 items, or no variance).
  var alpha: Double? {
    CronbachAlpha.alpha(CovarianceMatrix(count: k) { i, j in covariance(i, j) ?? .nan })
  }

  /// Respondents who answered every item.
  var completeRespondents: Int { Int(storage[0]) }

  /// Respondents who answered at least one item.
  var respondents: Int { Int(storage[0] + storage[size - 1]) }
}
