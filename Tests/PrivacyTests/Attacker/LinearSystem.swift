/// Published totals as linear equations over unknown group sums, in reduced row echelon form
/// with exact fractions. A combination of unknowns is *determined* (recovered) exactly when its
/// coefficient vector lies in the span of the equations; its value then follows from the same
/// row operations applied to the published right-hand sides.
struct LinearSystem {
  let unknowns: Int
  /// Rows in echelon form: coefficients, right-hand side, pivot column.
  private var rows: [(coefficients: [Rational], value: Double, pivot: Int)] = []

  init(unknowns: Int) {
    self.unknowns = unknowns
  }

  var rank: Int { rows.count }

  /// Adds the equation `Σ coefficients[j] · x_j = value`.
  mutating func add(_ coefficients: [Rational], value: Double) {
    var (row, v) = reduce(coefficients, value)
    guard let pivot = row.firstIndex(where: { !$0.isZero }) else { return }
    let scale = row[pivot]
    row = row.map { $0 / scale }
    v /= scale.doubleValue
    // Keep the form reduced: clear the new pivot column from the other rows.
    for i in rows.indices where !rows[i].coefficients[pivot].isZero {
      let f = rows[i].coefficients[pivot]
      for j in 0..<unknowns { rows[i].coefficients[j] = rows[i].coefficients[j] - f * row[j] }
      rows[i].value -= f.doubleValue * v
    }
    rows.append((row, v, pivot))
  }

  private func reduce(_ coefficients: [Rational], _ value: Double) -> ([Rational], Double) {
    var row = coefficients
    var v = value
    for r in rows where !row[r.pivot].isZero {
      let f = row[r.pivot]
      for j in 0..<unknowns { row[j] = row[j] - f * r.coefficients[j] }
      v -= f.doubleValue * r.value
    }
    return (row, v)
  }

  /// The value of `Σ target[j] · x_j` when the equations determine it, else nil.
  func determined(_ target: [Rational]) -> Double? {
    var row = target
    var v = 0.0
    for r in rows where !row[r.pivot].isZero {
      let f = row[r.pivot]
      for j in 0..<unknowns { row[j] = row[j] - f * r.coefficients[j] }
      v += f.doubleValue * r.value
    }
    return row.allSatisfy(\.isZero) ? v : nil
  }
}
