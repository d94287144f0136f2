/// The response scale of a framework's items, e.g. 1–5 from "Strongly disagree" to
/// "Strongly agree".
public struct Scale: Equatable, Sendable, Codable {
  public var min: Double
  public var max: Double
  /// One label per point, from `min` upwards (may be empty).
  public var labels: [String]
  /// The answers counted as favourable (default: the top two points; the top one on a scale
  /// spanning less than 3, such as 0–1, so the two sets never overlap).
  public var favorable: [Double]
  /// The answers counted as unfavourable (default: the bottom two points, or the bottom one).
  public var unfavorable: [Double]

  public init(min: Double, max: Double, labels: [String] = [], favorable: [Double]? = nil, unfavorable: [Double]? = nil) {
    self.min = min
    self.max = max
    self.labels = labels
    let narrow = max - min < 3
    self.favorable = favorable ?? (narrow ? [max] : [max - 1, max])
    self.unfavorable = unfavorable ?? (narrow ? [min] : [min, min + 1])
  }

  /// The reverse-keyed value of `x`: (min + max) − x.
  public func reversed(_ x: Double) -> Double { min + max - x }

  /// The percent of maximum possible: (x − min) / (max − min) × 100.
  public func pomp(_ x: Double) -> Double { (x - min) / (max - min) * 100 }

  /// Whether `x` lies within the scale.
  public func contains(_ x: Double) -> Bool { x >= min && x <= max }

  /// A short text such as `1–5`.
  public var rangeText: String { "\(Number.format(min))–\(Number.format(max))" }

}

/// Formatting of numbers for messages.
public enum Number {
  /// `4` for whole numbers, `3.5` otherwise.
  public static func format(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
  }
}
