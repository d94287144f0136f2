import Synchronization

/// Quantiles already found, by distribution and probability. A report asks the same few
/// quantiles again and again (the t of each group size for every group and dimension, the F of
/// each size and item count for every alpha), and each is a bisection over the incomplete beta
/// function: a pack of 11,110 units spent about 30 s of 180 on them. A quantile is a pure function of
/// its key, so a remembered one is the same number to the last bit.
enum QuantileMemo {
  struct Key: Hashable {
    /// Which distribution (0: Student's t, 1: Fisher's F).
    var family: UInt8
    var first: Double
    var second: Double
    var probability: Double
  }

  /// The most quantiles kept; past it they are forgotten all at once (Welch's fractional
  /// degrees of freedom rarely repeat).
  static let capacity = 1 << 16

  private static let found = Mutex<[Key: Double]>([:])

  /// The quantile under `key`, found by `find` the first time.
  static func quantile(_ key: Key, _ find: () -> Double) -> Double {
    if let known = found.withLock({ $0[key] }) { return known }
    // Found outside the lock: two threads may both find it, and find the same number.
    let value = find()
    found.withLock { found in
      if found.count >= capacity { found.removeAll(keepingCapacity: true) }
      found[key] = value
    }
    return value
  }
}
