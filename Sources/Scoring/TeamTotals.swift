import SurveyModel

/// Running totals of a set of teams. Team slot t's accumulators for dimension j (all
/// frameworks' dimensions side by side) sit at `j` in the team's run of `width`
/// accumulators. The runs are stored in pages of ``teamsPerPage`` teams: adding a team never
/// copies the teams before it, so the totals of 50,000 teams take their own size in memory and
/// not, for a moment, the old and the doubled copy of one large array.
struct TeamTotals: Sendable {
  /// Dimensions per team (all frameworks).
  let width: Int
  private(set) var sizes: [Int] = []
  /// Full pages hold `teamsPerPage` teams; only the first grows by doubling (small sets of teams
  /// stay small), later pages are made at their full size.
  private var pages: [[DimensionAccumulator]] = []

  /// Teams per page (a power of two: a slot's page and place are a shift and a mask).
  static let teamsPerPage = 1024
  private static let pageShift = 10

  init(width: Int) {
    self.width = width
  }

  /// Totals of `teams` empty teams (slots `0..<teams`), each page made at its size at once.
  init(width: Int, emptyTeams teams: Int) {
    self.width = width
    sizes = Array(repeating: 0, count: teams)
    for start in stride(from: 0, to: teams, by: Self.teamsPerPage) {
      pages.append(Array(repeating: DimensionAccumulator(), count: min(Self.teamsPerPage, teams - start) * width))
    }
  }

  var count: Int { sizes.count }

  /// Adds an empty team and returns its slot.
  mutating func addTeam() -> Int {
    let slot = sizes.count
    sizes.append(0)
    let page = slot >> Self.pageShift
    if page == pages.count {
      pages.append([])
      if page > 0 { pages[page].reserveCapacity(Self.teamsPerPage * width) }
    }
    pages[page].append(contentsOf: repeatElement(DimensionAccumulator(), count: width))
    return slot
  }

  mutating func countRespondent(_ slot: Int) { sizes[slot] += 1 }

  /// Calls `body` with the first of team `slot`'s `width` accumulators.
  @inline(__always)
  private mutating func withTeam<R>(_ slot: Int, _ body: (UnsafeMutablePointer<DimensionAccumulator>) -> R) -> R {
    let base = (slot & (Self.teamsPerPage - 1)) * width
    return pages[slot >> Self.pageShift].withUnsafeMutableBufferPointer { body($0.baseAddress! + base) }
  }

  /// Folds one respondent's scored framework into team `slot`.
  @inline(__always)
  mutating func fold(_ scratch: FrameworkScratch, slot: Int, offset: Int, shift: Double) {
    withTeam(slot) { team in
      let dims = team + offset
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
    let place = (from & (Self.teamsPerPage - 1)) * width
    other.pages[from >> Self.pageShift].withUnsafeBufferPointer { theirs in
      add(theirs.baseAddress! + place, respondents: other.sizes[from], to: to)
    }
  }

  /// Adds each team `t` of `other` into this set's team `slots[Int(local[t])]`, reading `other`
  /// page by page.
  mutating func merge(_ other: TeamTotals, local: [Int32], slots: [Int]) {
    let width = width
    for (p, page) in other.pages.enumerated() {
      page.withUnsafeBufferPointer { theirs in
        let first = p << Self.pageShift
        for i in 0..<(theirs.count / width) {
          add(theirs.baseAddress! + i * width, respondents: other.sizes[first + i], to: slots[Int(local[first + i])])
        }
      }
    }
  }

  /// Adds one team's `width` accumulators at `source`, and its respondents, into team `to`.
  @inline(__always)
  private mutating func add(_ source: UnsafePointer<DimensionAccumulator>, respondents: Int, to: Int) {
    sizes[to] += respondents
    let width = width
    withTeam(to) { target in
      for j in 0..<width { target[j].merge(source[j]) }
    }
  }

  /// The accumulators of team `slot` for the dimensions `offset ..< offset + count`.
  func accumulators(slot: Int, offset: Int, count: Int) -> ArraySlice<DimensionAccumulator> {
    let start = (slot & (Self.teamsPerPage - 1)) * width + offset
    return pages[slot >> Self.pageShift][start..<(start + count)]
  }
}

extension Scale {
  /// The middle of the scale, used to centre running sums.
  var midpoint: Double { (min + max) / 2 }
}
