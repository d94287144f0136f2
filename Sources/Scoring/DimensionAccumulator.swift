/// Running totals for one team × dimension, folded one respondent at a time so that memory
/// grows with teams and dimensions, never with respondents.
struct DimensionAccumulator: Sendable {
  /// Respondents with a score, and the sums of their scores and squared scores, both shifted
  /// by a constant near the mean (the scale midpoint) to keep the variance numerically stable.
  var sum = 0.0
  var sumOfSquares = 0.0
  var n: Int32 = 0
  /// Answered item responses, and how many were favourable or unfavourable (for a measure: the
  /// answers behind its values; its pooled sum is kept in ``TeamTotals``).
  var answered: Int32 = 0
  var favorable: Int32 = 0
  var unfavorable: Int32 = 0

  mutating func addScore(_ score: Double, shift: Double) {
    let x = score - shift
    n += 1
    sum += x
    sumOfSquares += x * x
  }

  mutating func merge(_ other: DimensionAccumulator) {
    n += other.n
    sum += other.sum
    sumOfSquares += other.sumOfSquares
    answered += other.answered
    favorable += other.favorable
    unfavorable += other.unfavorable
  }

  func mean(shift: Double) -> Double? { n > 0 ? sum / Double(n) + shift : nil }

  /// Respondents with a score.
  var count: Int { Int(n) }

  /// Sample standard deviation (n − 1).
  var standardDeviation: Double? {
    guard n > 1 else { return nil }
    let variance = (sumOfSquares - sum * sum / Double(n)) / Double(n - 1)
    return variance > 0 ? variance.squareRoot() : 0
  }

  func percent(_ count: Int32) -> Double? { answered > 0 ? Double(count) / Double(answered) * 100 : nil }
}
