/// What the tests need to know of a sample: its size, mean and variance.
public struct SampleSummary: Equatable, Sendable {
  public var n: Int
  public var mean: Double
  /// The sample variance (divisor n − 1); 0 for a single observation.
  public var variance: Double

  public init(n: Int, mean: Double, variance: Double) {
    self.n = n
    self.mean = mean
    self.variance = variance
  }

  /// The summary of a list of values.
  /// - Returns: nil for an empty list.
  public init?(_ values: [Double]) {
    guard !values.isEmpty else { return nil }
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    self.init(n: values.count, mean: mean, variance: values.count > 1 ? squares / Double(values.count - 1) : 0)
  }

  /// The sample standard deviation.
  public var standardDeviation: Double { variance.squareRoot() }

  /// The standard error of the mean, s / √n.
  public var standardError: Double { (variance / Double(n)).squareRoot() }

  /// The two-sided confidence interval of the mean, mean ± t(ν = n − 1) · s / √n.
  /// - Parameter level: the confidence level, e.g. 0.95.
  /// - Returns: nil when n < 2 (no variance to estimate).
  public func meanInterval(level: Double = 0.95) -> ClosedRange<Double>? {
    guard n > 1 else { return nil }
    let half = StudentT(degreesOfFreedom: Double(n - 1)).quantile(1 - (1 - level) / 2) * standardError
    return (mean - half)...(mean + half)
  }
}
