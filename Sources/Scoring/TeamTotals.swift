import SurveyModel

/// Running totals of a set of teams, stored flat: slot t, dimension j (all frameworks'
/// dimensions side by side) is `dimensions[t * width + j]`.
struct TeamTotals: Sendable {
  /// Dimensions per team (all frameworks).
  let width: Int
  private(set) var sizes: [Int] = []
  var dimensions: [DimensionAccumulator] = []

  init(width: Int) {
    self.width = width
  }

  var count: Int { sizes.count }

  /// Adds an empty team and returns its slot.
  mutating func addTeam() -> Int {
    sizes.append(0)
    dimensions.append(contentsOf: repeatElement(DimensionAccumulator(), count: width))
    return sizes.count - 1
  }

  mutating func countRespondent(_ slot: Int) { sizes[slot] += 1 }

  /// Folds one respondent's scored framework into team `slot`.
  @inline(__always)
  mutating func fold(_ scratch: FrameworkScratch, slot: Int, offset: Int, shift: Double) {
    let base = slot * width + offset
    dimensions.withUnsafeMutableBufferPointer { all in
      let dims = all.baseAddress! + base
      for d in 0..<scratch.dimensionCount {
        dims[d].answered += scratch.answered[d]
        dims[d].favorable += scratch.favorable[d]
        dims[d].unfavorable += scratch.unfavorable[d]
        let score = scratch.scores[d]
        if !score.isNaN { dims[d].addScore(score, shift: shift) }
      }
      // Measures: n, sums, the counts at or above / at or below the thresholds (in
      // `favorable` / `unfavorable`) and the answers behind them (in `answered`).
      let measures = dims + scratch.dimensionCount
      for m in 0..<scratch.measureCount {
        let x = scratch.measureValues[m]
        if x.isNaN { continue }
        measures[m].addScore(x, shift: scratch.measureShifts[m])
        if x >= scratch.measureHigh[m] { measures[m].favorable += 1 }
        if x <= scratch.measureLow[m] { measures[m].unfavorable += 1 }
        let weight = scratch.measureWeights[m]
        measures[m].answered += Int32(weight)
        measures[m].pooledSum += x * weight
      }
    }
  }

  /// Adds another set's team `from` into this set's team `to`.
  mutating func merge(_ other: TeamTotals, from: Int, to: Int) {
    sizes[to] += other.sizes[from]
    let width = width
    dimensions.withUnsafeMutableBufferPointer { mine in
      other.dimensions.withUnsafeBufferPointer { theirs in
        let target = mine.baseAddress! + to * width
        let source = theirs.baseAddress! + from * width
        for j in 0..<width { target[j].merge(source[j]) }
      }
    }
  }

  /// The accumulators of team `slot` for the dimensions `offset ..< offset + count`.
  func accumulators(slot: Int, offset: Int, count: Int) -> ArraySlice<DimensionAccumulator> {
    dimensions[(slot * width + offset)..<(slot * width + offset + count)]
  }
}

extension Scale {
  /// The middle of the scale, used to centre running sums.
  var midpoint: Double { (min + max) / 2 }
}
