import SurveyModel

/// Per-row working storage for one framework, reused across rows so that scoring a row
/// allocates nothing.
struct FrameworkScratch {
  let plan: FrameworkPlan
  var scores: [Double]
  var answered: [Int32]
  var favorable: [Int32]
  var unfavorable: [Int32]
  /// Reverse-keyed answers, one per item in use (NaN = missing).
  private(set) var keyed: [Double]
  private var sums: [Double]
  private let favorableSet: [Double]
  private let unfavorableSet: [Double]

  init(plan: FrameworkPlan) {
    self.plan = plan
    let count = plan.framework.dimensions.count
    scores = Array(repeating: .nan, count: count)
    answered = Array(repeating: 0, count: count)
    favorable = Array(repeating: 0, count: count)
    unfavorable = Array(repeating: 0, count: count)
    sums = Array(repeating: 0, count: count)
    keyed = Array(repeating: .nan, count: plan.items.count)
    favorableSet = plan.framework.scale.favorable
    unfavorableSet = plan.framework.scale.unfavorable
  }

  /// The declarative dimension scores of one row (`row[slot]` = answer): the mean of the
  /// answered, reverse-keyed items, given when enough items are answered.
  mutating func score(_ row: UnsafePointer<Double>) {
    let scale = plan.framework.scale
    let reversal = scale.min + scale.max
    let minimum = Int32(max(1, plan.framework.minimumAnswered))
    for d in 0..<scores.count {
      sums[d] = 0
      answered[d] = 0
      favorable[d] = 0
      unfavorable[d] = 0
    }
    plan.slots.withUnsafeBufferPointer { slots in
      for i in 0..<slots.count {
        let raw = row[slots[i]]
        if raw.isNaN {
          keyed[i] = .nan
          continue
        }
        let x = plan.reverse[i] ? reversal - raw : raw
        keyed[i] = x
        let d = plan.dimensionOfItem[i]
        sums[d] += x
        answered[d] += 1
        if favorableSet.contains(x) { favorable[d] += 1 } else if unfavorableSet.contains(x) { unfavorable[d] += 1 }
      }
    }
    for d in 0..<scores.count {
      scores[d] = answered[d] >= minimum ? sums[d] / Double(answered[d]) : .nan
    }
  }

  /// The keyed answers of dimension `d`'s items, written to `buffer`.
  func keyedAnswers(of d: Int, into buffer: UnsafeMutablePointer<Double>) {
    for (n, i) in plan.itemsOfDimension[d].enumerated() { buffer[n] = keyed[i] }
  }

  /// The context handed to a `score` hook for the row just scored.
  func context(row: UnsafePointer<Double>, respondent: String, team: String, line: Int) -> RespondentContext {
    RespondentContext(
      respondent: respondent, team: team, line: line, items: plan.items,
      raw: plan.slots.map { row[$0] }, keyed: keyed, scores: scores)
  }
}
