/// Root finding for monotone functions by bisection, to the last bit of a double.
enum Bisection {
  /// The x ≥ 0 where the increasing function `f` crosses `target`.
  ///
  /// The bracket [0, h] is widened by doubling h until f(h) ≥ target, then halved until the two
  /// ends are adjacent doubles. Bisection is slower than Newton's method but cannot diverge,
  /// and the functions solved here are cheap.
  /// - Parameters:
  ///   - target: the value to reach.
  ///   - start: the first upper end tried.
  ///   - f: an increasing function on [0, ∞).
  static func solveIncreasing(target: Double, start: Double = 1, _ f: (Double) -> Double) -> Double {
    var low = 0.0
    var high = start
    while f(high) < target {
      low = high
      high *= 2
      if !high.isFinite { return .infinity }
    }
    for _ in 0..<2_200 {
      let middle = low + (high - low) / 2
      if middle <= low || middle >= high { break }
      if f(middle) < target { low = middle } else { high = middle }
    }
    return low + (high - low) / 2
  }

  /// The x ≥ 0 where the decreasing function `f` crosses `target`.
  static func solveDecreasing(target: Double, start: Double = 1, _ f: (Double) -> Double) -> Double {
    solveIncreasing(target: -target, start: start) { -f($0) }
  }
}
