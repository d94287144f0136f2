import SurveyModel

/// Per-row working storage for one framework, reused across rows so that scoring a row
/// allocates nothing.
struct FrameworkScratch {
  var scores: [Double]
  var answered: [Int]
  var favorable: [Int]
  var unfavorable: [Int]
  /// The row's reverse-keyed answers, one per item in use (NaN = not answered).
  var keyed: [Double]
  private var sums: [Double]
  private let minimumAnswered: Int
  private let scale: Scale
  private let isFavorable: (Double) -> Bool
  private let isUnfavorable: (Double) -> Bool

  init(plan: FrameworkPlan) {
    let count = plan.framework.dimensions.count
    scores = Array(repeating: .nan, count: count)
    answered = Array(repeating: 0, count: count)
    favorable = Array(repeating: 0, count: count)
    unfavorable = Array(repeating: 0, count: count)
    sums = Array(repeating: 0, count: count)
    keyed = Array(repeating: .nan, count: plan.slots.count)
    minimumAnswered = plan.framework.minimumAnswered
    scale = plan.framework.scale
    let fav = scale.favorable, unfav = scale.unfavorable
    isFavorable = { x in fav.contains(x) }
    isUnfavorable = { x in unfav.contains(x) }
  }

  /// The declarative dimension scores of one row: mean of answered, reverse-keyed items.
  mutating func score(_ row: ResponseRow, plan: FrameworkPlan) {
    for d in scores.indices {
      sums[d] = 0
      answered[d] = 0
      favorable[d] = 0
      unfavorable[d] = 0
    }
    for i in plan.slots.indices {
      let raw = row.values[plan.slots[i]]
      if raw.isNaN {
        keyed[i] = .nan
        continue
      }
      let x = plan.reverse[i] ? scale.reversed(raw) : raw
      keyed[i] = x
      let d = plan.dimensionOfItem[i]
      sums[d] += x
      answered[d] += 1
      if isFavorable(x) { favorable[d] += 1 } else if isUnfavorable(x) { unfavorable[d] += 1 }
    }
    for d in scores.indices {
      scores[d] = answered[d] >= minimumAnswered && answered[d] > 0 ? sums[d] / Double(answered[d]) : .nan
    }
  }

  /// The context handed to a `score` hook for the row just scored.
  func context(for row: ResponseRow, plan: FrameworkPlan) -> RespondentContext {
    let raw = plan.slots.map { row.values[$0] }
    let keyed = raw.enumerated().map { i, x in plan.reverse[i] && !x.isNaN ? scale.reversed(x) : x }
    return RespondentContext(
      respondent: row.respondent, team: row.team, line: row.line, items: plan.items, raw: raw,
      keyed: keyed, scores: scores)
  }
}
