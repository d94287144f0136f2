/// Sums for Cronbach's alpha of one dimension over the whole sample, with pairwise deletion:
/// for each item pair, the count of respondents answering both, the sums of each item over
/// them and the sum of products. Rows with every item answered (the common case) go to
/// cheaper complete-row sums. Memory: k² per dimension, whatever the number of respondents.
struct ItemCovariance: Sendable {
  let k: Int
  private var completeN = 0.0
  private var completeSum: [Double]
  private var completeProducts: [Double]
  /// Pairwise sums from rows with some items missing.
  private var pairN: [Double]
  private var pairSum: [Double]
  private var pairProducts: [Double]

  init(items k: Int) {
    self.k = k
    completeSum = Array(repeating: 0, count: k)
    completeProducts = Array(repeating: 0, count: k * k)
    pairN = Array(repeating: 0, count: k * k)
    pairSum = Array(repeating: 0, count: k * k)
    pairProducts = Array(repeating: 0, count: k * k)
  }

  /// Adds one respondent's keyed answers (NaN = missing).
  mutating func add(_ x: UnsafePointer<Double>) {
    var complete = true
    for i in 0..<k where x[i].isNaN { complete = false }
    if complete {
      completeN += 1
      for i in 0..<k {
        completeSum[i] += x[i]
        for j in i..<k { completeProducts[i * k + j] += x[i] * x[j] }
      }
      return
    }
    for i in 0..<k where !x[i].isNaN {
      for j in 0..<k where !x[j].isNaN {
        pairN[i * k + j] += 1
        pairSum[i * k + j] += x[i]
        pairProducts[i * k + j] += x[i] * x[j]
      }
    }
  }

  mutating func merge(_ other: ItemCovariance) {
    completeN += other.completeN
    for i in 0..<k { completeSum[i] += other.completeSum[i] }
    for i in 0..<(k * k) {
      completeProducts[i] += other.completeProducts[i]
      pairN[i] += other.pairN[i]
      pairSum[i] += other.pairSum[i]
      pairProducts[i] += other.pairProducts[i]
    }
  }

  /// The pairwise covariance of items i and j (sample, n − 1), or nil with fewer than 2 pairs.
  func covariance(_ i: Int, _ j: Int) -> Double? {
    let n = completeN + pairN[i * k + j]
    guard n > 1 else { return nil }
    let sumI = completeSum[i] + pairSum[i * k + j]
    let sumJ = completeSum[j] + pairSum[j * k + i]
    let products = completeProducts[min(i, j) * k + max(i, j)] + pairProducts[i * k + j]
    return (products - sumI * sumJ / n) / (n - 1)
  }

  /// Cronbach's alpha from the pairwise covariance matrix (as pandas' `cov()` and pingouin's
  /// default), or nil when it is not defined (fewer than 2 items, or no variance).
  var alpha: Double? {
    guard k > 1 else { return nil }
    var diagonal = 0.0, total = 0.0
    for i in 0..<k {
      for j in 0..<k {
        guard let c = covariance(i, j) else { return nil }
        total += c
        if i == j { diagonal += c }
      }
    }
    guard total > 0 else { return nil }
    return Double(k) / Double(k - 1) * (1 - diagonal / total)
  }

  /// Respondents who answered every item.
  var completeRespondents: Int { Int(completeN) }
}
