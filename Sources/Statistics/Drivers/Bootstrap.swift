/// Reproducible resampling for bootstrap intervals.
///
/// The generator is SplitMix64 (Steele, Lea & Flood 2014): tiny, fast and easy to reproduce in
/// any language, so an independent implementation can draw the very same resamples from the
/// same seed (index = next() mod n). Also the seeded generator of shuffles (`comments --seed`).
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// n indices drawn with replacement from 0..<n.
  public mutating func resample(_ n: Int) -> [Int] {
    (0..<n).map { _ in Int(next() % UInt64(n)) }
  }
}

/// Percentiles as numpy's default (linear interpolation between closest ranks).
public enum Percentile {
  /// The q-th quantile (0 ≤ q ≤ 1) of `values`; nil when empty.
  public static func of(_ values: [Double], _ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
  }
}
