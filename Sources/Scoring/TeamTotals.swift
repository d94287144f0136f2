import SurveyModel

/// Running totals of a set of teams. Team slot t's accumulators for dimension j (all
/// frameworks' dimensions side by side) sit at `j` in the team's run of `width`
/// accumulators. The runs are stored in pages of ``teamsPerPage`` teams: adding a team never
/// copies the teams before it, so the totals of 50,000 teams take their own size in memory and
/// not, for a moment, the old and the doubled copy of one large array.
///
/// A measure's pooled sum (Σ value × answers behind it) is kept beside the accumulators, in
/// pages of the same shape, only when the plan has measures: a dimension's accumulator stays
/// 32 bytes (50,000 teams × 8 dimensions: 12.8 MB, not 16).
struct TeamTotals: Sendable {
  /// Dimensions and measures per team (all frameworks).
  let width: Int
  /// Whether the totals keep pooled sums (see above).
  let keepsPooledSums: Bool
  private(set) var sizes: [Int] = []
  /// Full pages hold `teamsPerPage` teams; only the first grows by doubling (small sets of teams
  /// stay small), later pages are made at their full size.
  private var pages: [[DimensionAccumulator]] = []
  /// The pooled sums, page for page (empty when not kept).
  private var pooledPages: [[Double]] = []
  /// The sum of what ``warm(_:)`` read (kept so that the reads are not optimised away).
  private var warmed: Int32 = 0

  /// Teams per page (a power of two: a slot's page and place are a shift and a mask).
  static let teamsPerPage = 1024
  private static let pageShift = 10

  /// No teams yet, `width` accumulators each; pooled sums kept when `pooledSums`.
  init(width: Int, pooledSums: Bool) {
    self.width = width
    keepsPooledSums = pooledSums
  }

  /// The totals of all teams of `plan` (pooled sums kept when it has measures).
  init(_ plan: ScoringPlan) {
    self.init(width: plan.dimensionCount, pooledSums: plan.frameworks.contains { !$0.framework.measures.isEmpty })
  }

  /// No teams yet, shaped like `other` (its width, and pooled sums when it keeps them).
  init(shapedLike other: TeamTotals) {
    self.init(width: other.width, pooledSums: other.keepsPooledSums)
  }

  /// Totals of `plan` with `teams` empty teams (slots `0..<teams`), each page made at its size
  /// at once.
  init(_ plan: ScoringPlan, emptyTeams teams: Int) {
    self.init(plan)
    sizes = Array(repeating: 0, count: teams)
    for start in stride(from: 0, to: teams, by: Self.teamsPerPage) {
      let count = min(Self.teamsPerPage, teams - start) * width
      pages.append(Array(repeating: DimensionAccumulator(), count: count))
      if keepsPooledSums { pooledPages.append(Array(repeating: 0, count: count)) }
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
      if keepsPooledSums {
        pooledPages.append([])
        if page > 0 { pooledPages[page].reserveCapacity(Self.teamsPerPage * width) }
      }
    }
    pages[page].append(contentsOf: repeatElement(DimensionAccumulator(), count: width))
    if keepsPooledSums { pooledPages[page].append(contentsOf: repeatElement(0, count: width)) }
    return slot
  }

  mutating func countRespondent(_ slot: Int) { sizes[slot] += 1 }

  /// Calls `body` with the first of team `slot`'s `width` accumulators.
  @inline(__always)
  private mutating func withTeam<R>(_ slot: Int, _ body: (UnsafeMutablePointer<DimensionAccumulator>) -> R) -> R {
    let base = (slot & (Self.teamsPerPage - 1)) * width
    return pages[slot >> Self.pageShift].withUnsafeMutableBufferPointer { body($0.baseAddress! + base) }
  }

  /// Calls `body` with the first of team `slot`'s `width` pooled sums.
  @inline(__always)
  private mutating func withPooledSums<R>(_ slot: Int, _ body: (UnsafeMutablePointer<Double>) -> R) -> R {
    let base = (slot & (Self.teamsPerPage - 1)) * width
    return pooledPages[slot >> Self.pageShift].withUnsafeMutableBufferPointer { body($0.baseAddress! + base) }
  }

  /// Folds one respondent's scored framework into team `slot`.
  @inline(__always)
  mutating func fold(_ scratch: FrameworkScratch, slot: Int, offset: Int, shift: Double) {
    if scratch.measureCount > 0 {
      withPooledSums(slot) { pooled in
        let sums = pooled + offset + scratch.dimensionCount
        for m in 0..<scratch.measureCount {
          let x = scratch.measureValues[m]
          if !x.isNaN { sums[m] += x * scratch.measureWeights[m] }
        }
      }
    }
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
        measures[m].answered += Int32(scratch.measureWeights[m])
      }
    }
  }

  /// Adds another set's team `from` into this set's team `to`.
  mutating func merge(_ other: TeamTotals, from: Int, to: Int) {
    let place = (from & (Self.teamsPerPage - 1)) * width
    other.pages[from >> Self.pageShift].withUnsafeBufferPointer { theirs in
      add(theirs.baseAddress! + place, respondents: other.sizes[from], to: to)
    }
    if keepsPooledSums {
      other.pooledPages[from >> Self.pageShift].withUnsafeBufferPointer { theirs in addPooledSums(theirs.baseAddress! + place, to: to) }
    }
  }

  /// Adds each team `t` of `other` into this set's team `slots[Int(local[t])]`, reading `other`
  /// page by page. With tens of thousands of teams, the teams of a chunk sit far apart in this
  /// set: each run of ``warmedTogether`` teams is read first in a pass of independent loads
  /// (``warm(_:)``), so that their cache misses overlap instead of following one another.
  mutating func merge(_ other: TeamTotals, local: [Int32], slots: [Int]) {
    let width = width
    var targets: [Int] = []
    targets.reserveCapacity(Self.warmedTogether)
    for (p, page) in other.pages.enumerated() {
      page.withUnsafeBufferPointer { theirs in
        let first = p << Self.pageShift
        let teams = theirs.count / width
        for start in stride(from: 0, to: teams, by: Self.warmedTogether) {
          let end = min(teams, start + Self.warmedTogether)
          targets.removeAll(keepingCapacity: true)
          for i in start..<end { targets.append(slots[Int(local[first + i])]) }
          warm(targets)
          for i in start..<end {
            add(theirs.baseAddress! + i * width, respondents: other.sizes[first + i], to: targets[i - start])
          }
        }
      }
    }
    guard keepsPooledSums else { return }
    for (p, page) in other.pooledPages.enumerated() {
      page.withUnsafeBufferPointer { theirs in
        let first = p << Self.pageShift
        for i in 0..<(theirs.count / width) { addPooledSums(theirs.baseAddress! + i * width, to: slots[Int(local[first + i])]) }
      }
    }
  }

  /// Teams whose accumulators ``merge(_:local:slots:)`` reads ahead together.
  static let warmedTogether = 32

  /// Reads one value of every cache line of the accumulators of the teams `slots` (and their
  /// sizes), keeping the sum so that the reads are made.
  private mutating func warm(_ slots: [Int]) {
    var touched: Int32 = 0
    let width = width
    guard width > 0 else { return }
    let perLine = max(1, 64 / MemoryLayout<DimensionAccumulator>.stride)
    sizes.withUnsafeBufferPointer { sizes in
      for slot in slots { touched &+= Int32(truncatingIfNeeded: sizes[slot]) }
    }
    for slot in slots {
      let base = (slot & (Self.teamsPerPage - 1)) * width
      pages[slot >> Self.pageShift].withUnsafeBufferPointer { page in
        for j in stride(from: 0, to: width, by: perLine) { touched &+= page[base + j].n }
        touched &+= page[base + width - 1].n
      }
    }
    warmed = touched
  }

  /// Adds one team's `width` pooled sums at `source` into team `to`.
  @inline(__always)
  private mutating func addPooledSums(_ source: UnsafePointer<Double>, to: Int) {
    let width = width
    withPooledSums(to) { target in
      for j in 0..<width { target[j] += source[j] }
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

  /// The pooled sums of team `slot` for the measures `offset ..< offset + count` (zeros when the
  /// totals keep none, which only a plan without measures makes).
  func pooledSums(slot: Int, offset: Int, count: Int) -> [Double] {
    guard keepsPooledSums else { return Array(repeating: 0, count: count) }
    let start = (slot & (Self.teamsPerPage - 1)) * width + offset
    return Array(pooledPages[slot >> Self.pageShift][start..<(start + count)])
  }
}

extension Scale {
  /// The middle of the scale, used to centre running sums.
  var midpoint: Double { (min + max) / 2 }
}
