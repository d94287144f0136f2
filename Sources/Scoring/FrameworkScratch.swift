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
  /// Per item: its slot, and keyed = offset + sign × raw.
  private let slots: UnsafeMutablePointer<Int>
  /// The items by dimension (each dimension's own items in order): dimension d's are
  /// `byDimension[firstOfDimension[d] ..< firstOfDimension[d + 1]]`.
  private let byDimension: UnsafeMutablePointer<Int>
  private let firstOfDimension: UnsafeMutablePointer<Int>
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
  /// Per dimension: the answered items it needs.
  private let minimum: UnsafeMutablePointer<Int32>
  /// Items that count in a further dimension: (item, dimension) pairs, flattened.
  private let extra: [Int]
  /// Per measure: this row's value (NaN = none) and the answers behind it.
  let measureValues: UnsafeMutablePointer<Double>
  let measureWeights: UnsafeMutablePointer<Double>
  let measureCount: Int
  /// Per measure: its range's midpoint (to centre running sums) and thresholds.
  let measureShifts: [Double]
  let measureHigh: [Double]
  let measureLow: [Double]
  private let measureSources: [MeasureSource]

  /// A measure's source resolved to positions.
  enum MeasureSource {
    case allItems
    case item(Int?)
    case dimensions([Int])
    case hook
    /// The value slot of a multi-select item (nil: the survey does not use it).
    case count(Int?)
  }

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
    offsets = .allocate(capacity: max(1, itemCount))
    signs = .allocate(capacity: max(1, itemCount))
    let scale = plan.framework.scale
    for i in 0..<itemCount {
      slots[i] = plan.slots[i]
      offsets[i] = plan.reverse[i] ? scale.min + scale.max : 0
      signs[i] = plan.reverse[i] ? -1 : 1
    }
    byDimension = .allocate(capacity: max(1, itemCount))
    firstOfDimension = .allocate(capacity: dimensionCount + 1)
    var next = 0
    for d in 0..<dimensionCount {
      firstOfDimension[d] = next
      for i in 0..<itemCount where plan.dimensionOfItem[i] == d {
        byDimension[next] = i
        next += 1
      }
    }
    firstOfDimension[dimensionCount] = next
    precondition(next == itemCount, "every item belongs to a dimension")
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
    minimum = .allocate(capacity: max(1, dimensionCount))
    for d in 0..<dimensionCount {
      minimum[d] = Int32(clamping: max(1, plan.framework.minimumAnswered(dimension: d, items: plan.itemsOfDimension[d].count)))
    }
    extra = plan.extraMemberships.flatMap { [$0.item, $0.dimension] }
    let measures = plan.framework.measures
    measureCount = measures.count
    measureValues = .allocate(capacity: max(1, measureCount))
    measureWeights = .allocate(capacity: max(1, measureCount))
    measureValues.initialize(repeating: .nan, count: max(1, measureCount))
    measureWeights.initialize(repeating: 0, count: max(1, measureCount))
    measureShifts = measures.map { ($0.min + $0.max) / 2 }
    measureHigh = measures.map { $0.atLeast ?? .infinity }
    measureLow = measures.map { $0.atMost ?? -.infinity }
    let dimensionIDs = plan.framework.dimensions.map(\.id)
    measureSources = measures.map { measure in
      switch measure.source {
      case .allItems: return .allItems
      case .item(let id): return .item(plan.items.firstIndex { $0.id == id })
      case .dimensions(let ids): return .dimensions(ids.compactMap { dimensionIDs.firstIndex(of: $0) })
      case .hook: return .hook
      case .countOf(let id): return .count(plan.countedSlots[id])
      }
    }
  }

  deinit {
    for pointer in [scores, sums, keyed, offsets, signs] { pointer.deallocate() }
    for pointer in [answered, favorable, unfavorable] { pointer.deallocate() }
    slots.deallocate()
    byDimension.deallocate()
    firstOfDimension.deallocate()
    minimum.deallocate()
    measureValues.deallocate()
    measureWeights.deallocate()
    choiceTop?.deallocate()
    choiceBottom?.deallocate()
  }

  /// The declarative dimension scores of one row (`row[slot]` = answer): the mean of the
  /// answered, reverse-keyed items, given when enough items are answered.
  @inline(__always)
  func score(_ row: UnsafePointer<Double>) {
    // Local copies of the pointers: the optimiser cannot prove the buffers do not alias.
    let sums = sums
    let answered = answered
    let favorable = favorable
    let unfavorable = unfavorable
    let keyed = keyed
    let slots = slots
    let offsets = offsets
    let signs = signs
    let choiceTop = choiceTop
    let choiceBottom = choiceBottom
    let dimensionCount = dimensionCount
    let byDimension = byDimension
    let firstOfDimension = firstOfDimension
    let table = classifier.table
    // Dimension by dimension, each one's totals in registers: adding into memory made every
    // answer wait for the previous answer's store to the same dimension. The items of a
    // dimension are added in item order, as before.
    for d in 0..<dimensionCount {
      var sum = 0.0
      var count: Int32 = 0
      var tally: UInt64 = 0
      for j in firstOfDimension[d]..<firstOfDimension[d + 1] {
        let i = byDimension[j]
        let raw = row[slots[i]]
        if raw.isNaN {
          keyed[i] = .nan
          continue
        }
        let x = offsets[i] + signs[i] * raw
        keyed[i] = x
        sum += x
        count &+= 1
        // Branch-free: answers are random, so a branch per answer would mispredict half the time.
        if let choiceTop, let choiceBottom, !choiceTop[i].isNaN {
          tally &+= x == choiceTop[i] ? AnswerClassifier.favorableTally : x == choiceBottom[i] ? AnswerClassifier.unfavorableTally : 0
        } else {
          tally &+= table.tally(x) ?? classifier.slowTally(x)
        }
      }
      sums[d] = sum
      answered[d] = count
      favorable[d] = AnswerClassifier.favorable(tally)
      unfavorable[d] = AnswerClassifier.unfavorable(tally)
    }
    // Items in several dimensions count again in each further one.
    var e = 0
    while e < extra.count {
      let i = extra[e]
      let d = extra[e + 1]
      e += 2
      let x = keyed[i]
      if x.isNaN { continue }
      sums[d] += x
      answered[d] &+= 1
      let tally: UInt64
      if let choiceTop, let choiceBottom, !choiceTop[i].isNaN {
        tally = x == choiceTop[i] ? AnswerClassifier.favorableTally : x == choiceBottom[i] ? AnswerClassifier.unfavorableTally : 0
      } else {
        tally = table.tally(x) ?? classifier.slowTally(x)
      }
      favorable[d] &+= AnswerClassifier.favorable(tally)
      unfavorable[d] &+= AnswerClassifier.unfavorable(tally)
    }
    let minimum = minimum
    for d in 0..<dimensionCount {
      scores[d] = answered[d] >= minimum[d] ? sums[d] / Double(answered[d]) : .nan
    }
  }

  /// Forgets the values a `score` hook gave hook measures for the previous row.
  func clearHookMeasures() {
    for m in 0..<measureCount { if case .hook = measureSources[m] { measureValues[m] = .nan } }
  }

  /// Sets what a `score` hook returned: slot `d` < dimensions is a dimension score, the rest
  /// are measures in order (NaN = none).
  func set(_ slot: Int, _ value: Double) {
    if slot < dimensionCount { scores[slot] = value } else { measureValues[slot - dimensionCount] = value }
  }

  /// The declared measures of the row just scored (`row[slot]` = answer, after any `score`
  /// hook): hook measures keep what the hook set.
  func computeMeasures(_ row: UnsafePointer<Double>) {
    for m in 0..<measureCount {
      switch measureSources[m] {
      case .hook:
        measureWeights[m] = measureValues[m].isNaN ? 0 : 1
        continue
      case .allItems:
        var sum = 0.0
        var count = 0.0
        for i in 0..<itemCount where !keyed[i].isNaN {
          sum += keyed[i]
          count += 1
        }
        measureValues[m] = count > 0 ? sum / count : .nan
        measureWeights[m] = count
      case .item(let i):
        measureValues[m] = i.map { keyed[$0] } ?? .nan
        measureWeights[m] = measureValues[m].isNaN ? 0 : 1
      case .dimensions(let ds):
        var sum = 0.0
        var count = 0.0
        for d in ds where !scores[d].isNaN {
          sum += scores[d]
          count += 1
        }
        measureValues[m] = count > 0 ? sum / count : .nan
        measureWeights[m] = count > 0 ? 1 : 0
      case .count(let slot):
        // The slot holds the bit set of the options chosen (NaN: not answered).
        let bits = slot.map { row[$0] } ?? .nan
        measureValues[m] = UInt32(exactly: bits).map { Double($0.nonzeroBitCount) } ?? .nan
        measureWeights[m] = measureValues[m].isNaN ? 0 : 1
      }
    }
  }

  /// Whether the row just scored is someone's response: a dimension has an answer or a score,
  /// or a measure counts a multi-select item it answered.
  var answeredAnything: Bool {
    for d in 0..<dimensionCount where answered[d] > 0 || !scores[d].isNaN { return true }
    return answeredCountedItem
  }

  /// Whether the row just scored answered a multi-select item that a measure counts (such an
  /// answer makes the row someone's response even without a rated item).
  private var answeredCountedItem: Bool {
    for m in 0..<measureCount {
      if case .count = measureSources[m], !measureValues[m].isNaN { return true }
    }
    return false
  }

  /// The context handed to a `score` hook for the row just scored. Its arrays are reused from
  /// row to row (rewritten in place once the previous context is gone).
  func context(row: UnsafePointer<Double>, respondent: ListedText, team: ListedText, line: Int) -> RespondentContext {
    if contextRaw.count != itemCount {
      contextRaw = Array(repeating: .nan, count: itemCount)
      contextKeyed = Array(repeating: .nan, count: itemCount)
      contextScores = Array(repeating: .nan, count: dimensionCount)
    }
    // One uniqueness check per array, not one per element (the last context is gone by now).
    let (slots, keyed, scores) = (slots, keyed, scores)
    contextRaw.withUnsafeMutableBufferPointer { raw in
      for i in raw.indices { raw[i] = row[slots[i]] }
    }
    contextKeyed.withUnsafeMutableBufferPointer { copy in
      for i in copy.indices { copy[i] = keyed[i] }
    }
    contextScores.withUnsafeMutableBufferPointer { copy in
      for d in copy.indices { copy[d] = scores[d] }
    }
    var context = RespondentContext(
      respondent: respondent, team: team, line: line, items: plan.items, raw: contextRaw, keyed: contextKeyed,
      scores: contextScores)
    if !plan.countedSlots.isEmpty {
      // The number of options chosen in each counted multi-select (its slot holds their bit set).
      let counted = plan.countedSlots.sorted { $0.key < $1.key }
      context.counted = counted.map(\.key)
      context.counts = counted.map { UInt32(exactly: row[$0.value]).map { Double($0.nonzeroBitCount) } ?? .nan }
    }
    return context
  }
}

/// Whether an answer is favourable, unfavourable or neutral, as a tally to add up: the count of
/// favourable answers in the low 32 bits, of unfavourable ones in the high 32. By table lookup
/// for whole-number answers on a whole-number scale (the common case), by search otherwise.
final class AnswerClassifier {
  static let favorableTally: UInt64 = 1
  static let unfavorableTally: UInt64 = 1 << 32

  /// The favourable answers counted in a sum of tallies.
  @inline(__always)
  static func favorable(_ tally: UInt64) -> Int32 { Int32(truncatingIfNeeded: tally) }

  /// The unfavourable answers counted in a sum of tallies.
  @inline(__always)
  static func unfavorable(_ tally: UInt64) -> Int32 { Int32(truncatingIfNeeded: tally >> 32) }

  /// The fast path, a trivial value the scorer copies into registers: the optimiser reloads
  /// a class's fields after every store through a raw pointer, so it is read once per row.
  struct Table {
    fileprivate let low: Double
    fileprivate let count: UInt
    /// The whole answers `low`, `low + 1`, ... and their tallies.
    fileprivate let answers: UnsafeMutablePointer<Double>
    fileprivate let tallies: UnsafeMutablePointer<UInt64>
  }
  let table: Table
  private let favorable: [Double]
  private let unfavorable: [Double]

  init(scale: Scale) {
    favorable = scale.favorable
    unfavorable = scale.unfavorable
    let span = scale.max - scale.min
    let whole = scale.min == scale.min.rounded() && span == span.rounded() && span <= 1000
    let count = whole ? Int(span) + 1 : 0
    let answers = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
    let tallies = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, count))
    for k in 0..<count {
      answers[k] = scale.min + Double(k)
      tallies[k] = Self.tally(answers[k], favorable: scale.favorable, unfavorable: scale.unfavorable)
    }
    table = Table(low: scale.min, count: UInt(count), answers: answers, tallies: tallies)
  }

  deinit {
    table.answers.deallocate()
    table.tallies.deallocate()
  }

  /// ``Table/tally(_:)`` for an answer the table does not hold.
  @inline(never)
  func slowTally(_ x: Double) -> UInt64 {
    Self.tally(x, favorable: favorable, unfavorable: unfavorable)
  }

  private static func tally(_ x: Double, favorable: [Double], unfavorable: [Double]) -> UInt64 {
    favorable.contains(x) ? favorableTally : unfavorable.contains(x) ? unfavorableTally : 0
  }
}

extension AnswerClassifier.Table {
  /// The tally of answer `x`, or nil when `x` is not one of the table's whole answers.
  @inline(__always)
  func tally(_ x: Double) -> UInt64? {
    // Adding 1.5 × 2^52 to x - low leaves it rounded to a whole number k in the low bits of
    // the sum's significand (2^51 + k, for |k| < 2^51), with no conversion between double and
    // integer. Whatever k comes out (from a fraction, a huge number, an infinity or NaN), the
    // answer is in the table only if it equals the table's answer k exactly.
    let sum = (x - low) + 0x1.8p52
    let k = Int(truncatingIfNeeded: sum.bitPattern & 0xF_FFFF_FFFF_FFFF) &- (1 << 51)
    guard UInt(bitPattern: k) < count, answers[k] == x else { return nil }
    return tallies[k]
  }
}
