import SurveyModel

/// The declarative scoring of one framework for one row at a time, with every buffer and
/// constant held in raw memory allocated once: scoring a row allocates nothing and pays no
/// bounds or uniqueness checks (it runs once per respondent and framework).
final class FrameworkScratch {
  let plan: FrameworkPlan
  let dimensionCount: Int
  let itemCount: Int
  /// Per dimension: this row's score (NaN = none), answered items, favourable and
  /// unfavourable answers.
  let scores: UnsafeMutablePointer<Double>
  let answered: UnsafeMutablePointer<Int32>
  let favorable: UnsafeMutablePointer<Int32>
  let unfavorable: UnsafeMutablePointer<Int32>
  /// Per item in use: this row's reverse-keyed answer (NaN = missing).
  let keyed: UnsafeMutablePointer<Double>
  private let sums: UnsafeMutablePointer<Double>
  /// Per item: its slot, its dimension, and keyed = offset + sign × raw.
  private let slots: UnsafeMutablePointer<Int>
  private let dimensions: UnsafeMutablePointer<Int>
  private let offsets: UnsafeMutablePointer<Double>
  private let signs: UnsafeMutablePointer<Double>
  private let classifier: AnswerClassifier
  private var contextRaw: [Double] = []
  private var contextKeyed: [Double] = []
  private var contextScores: [Double] = []
  /// Per item: a choice item's highest and lowest option scores (its favourable and
  /// unfavourable answers), NaN for a rating item; nil when the framework has no choice item.
  private let choiceTop: UnsafeMutablePointer<Double>?
  private let choiceBottom: UnsafeMutablePointer<Double>?
  private let minimum: Int32

  init(plan: FrameworkPlan) {
    self.plan = plan
    dimensionCount = plan.framework.dimensions.count
    itemCount = plan.items.count
    scores = .allocate(capacity: max(1, dimensionCount))
    answered = .allocate(capacity: max(1, dimensionCount))
    favorable = .allocate(capacity: max(1, dimensionCount))
    unfavorable = .allocate(capacity: max(1, dimensionCount))
    sums = .allocate(capacity: max(1, dimensionCount))
    keyed = .allocate(capacity: max(1, itemCount))
    slots = .allocate(capacity: max(1, itemCount))
    dimensions = .allocate(capacity: max(1, itemCount))
    offsets = .allocate(capacity: max(1, itemCount))
    signs = .allocate(capacity: max(1, itemCount))
    let scale = plan.framework.scale
    for i in 0..<itemCount {
      slots[i] = plan.slots[i]
      dimensions[i] = plan.dimensionOfItem[i]
      offsets[i] = plan.reverse[i] ? scale.min + scale.max : 0
      signs[i] = plan.reverse[i] ? -1 : 1
    }
    classifier = AnswerClassifier(scale: scale)
    if plan.items.contains(where: \.isChoice) {
      let top = UnsafeMutablePointer<Double>.allocate(capacity: itemCount)
      let bottom = UnsafeMutablePointer<Double>.allocate(capacity: itemCount)
      for (i, item) in plan.items.enumerated() {
        top[i] = item.options.map(\.score).max() ?? .nan
        bottom[i] = item.options.map(\.score).min() ?? .nan
      }
      choiceTop = top
      choiceBottom = bottom
    } else {
      choiceTop = nil
      choiceBottom = nil
    }
    minimum = Int32(max(1, plan.framework.minimumAnswered))
  }

  deinit {
    for pointer in [scores, sums, keyed, offsets, signs] { pointer.deallocate() }
    for pointer in [answered, favorable, unfavorable] { pointer.deallocate() }
    slots.deallocate()
    dimensions.deallocate()
    choiceTop?.deallocate()
    choiceBottom?.deallocate()
  }

  /// The declarative dimension scores of one row (`row[slot]` = answer): the mean of the
  /// answered, reverse-keyed items, given when enough items are answered.
  @inline(__always)
  func score(_ row: UnsafePointer<Double>) {
    // Local copies of the pointers: the optimiser cannot prove the buffers do not alias.
    let sums = sums, answered = answered, favorable = favorable, unfavorable = unfavorable
    let keyed = keyed, slots = slots, dimensions = dimensions, offsets = offsets, signs = signs
    let choiceTop = choiceTop, choiceBottom = choiceBottom
    let dimensionCount = dimensionCount
    sums.update(repeating: 0, count: dimensionCount)
    answered.update(repeating: 0, count: dimensionCount)
    favorable.update(repeating: 0, count: dimensionCount)
    unfavorable.update(repeating: 0, count: dimensionCount)
    for i in 0..<itemCount {
      let raw = row[slots[i]]
      if raw.isNaN {
        keyed[i] = .nan
        continue
      }
      let x = offsets[i] + signs[i] * raw
      keyed[i] = x
      let d = dimensions[i]
      sums[d] += x
      answered[d] &+= 1
      // Branch-free: answers are random, so a branch per answer would mispredict half the time.
      let flags: UInt8
      if let choiceTop, let choiceBottom, !choiceTop[i].isNaN {
        flags = x == choiceTop[i] ? 1 : x == choiceBottom[i] ? 2 : 0
      } else {
        flags = classifier.flags(x)
      }
      favorable[d] &+= Int32(flags & 1)
      unfavorable[d] &+= Int32(flags >> 1)
    }
    for d in 0..<dimensionCount {
      scores[d] = answered[d] >= minimum ? sums[d] / Double(answered[d]) : .nan
    }
  }

  /// The context handed to a `score` hook for the row just scored. Its arrays are reused from
  /// row to row (rewritten in place once the previous context is gone).
  func context(row: UnsafePointer<Double>, respondent: String, team: String, line: Int) -> RespondentContext {
    if contextRaw.count != itemCount {
      contextRaw = Array(repeating: .nan, count: itemCount)
      contextKeyed = Array(repeating: .nan, count: itemCount)
      contextScores = Array(repeating: .nan, count: dimensionCount)
    }
    for i in 0..<itemCount {
      contextRaw[i] = row[slots[i]]
      contextKeyed[i] = keyed[i]
    }
    for d in 0..<dimensionCount { contextScores[d] = scores[d] }
    return RespondentContext(
      respondent: respondent, team: team, line: line, items: plan.items, raw: contextRaw, keyed: contextKeyed,
      scores: contextScores)
  }
}

/// Whether an answer is favourable, unfavourable or neutral, by table lookup for whole-number
/// answers on a whole-number scale (the common case) and by search otherwise.
struct AnswerClassifier {
  enum Kind: UInt8 { case neutral = 0, favorable, unfavorable }
  private let table: [Kind]
  private let low: Double
  private let favorable: [Double]
  private let unfavorable: [Double]

  init(scale: Scale) {
    low = scale.min
    favorable = scale.favorable
    unfavorable = scale.unfavorable
    let span = scale.max - scale.min
    if scale.min == scale.min.rounded(), span == span.rounded(), span <= 1000 {
      table = (0...Int(span)).map { k in
        let x = scale.min + Double(k)
        return scale.favorable.contains(x) ? .favorable : scale.unfavorable.contains(x) ? .unfavorable : .neutral
      }
    } else {
      table = []
    }
  }

  @inline(__always)
  func classify(_ x: Double) -> Kind {
    let k = x - low
    if k >= 0, k < Double(table.count) {
      let index = Int(k)
      if Double(index) == k { return table.withUnsafeBufferPointer { $0[index] } }
    }
    return favorable.contains(x) ? .favorable : unfavorable.contains(x) ? .unfavorable : .neutral
  }

  /// 1 when `x` is favourable, 2 when unfavourable, 0 otherwise.
  @inline(__always)
  func flags(_ x: Double) -> UInt8 {
    classify(x).rawValue
  }
}
