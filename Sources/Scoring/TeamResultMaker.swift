import SurveyModel

/// Makes the `i`-th team's result on demand from a snapshot of the totals, with the index and
/// band worked out beforehand (hooks cannot run on demand: they belong to the scoring thread).
struct TeamResultMaker: Sendable {
  let framework: Framework
  let totals: TeamTotals
  let names: [String]
  let slots: [Int]
  let hidden: [Suppression?]
  /// Index and band of each shown team, in order.
  let interpretations: [(index: Double?, band: Band?)]
  let offset: Int
  /// For each team, its position among the shown teams.
  private let shownPosition: [Int]

  init(framework: Framework, totals: TeamTotals, names: [String], slots: [Int], hidden: [Suppression?],
       interpretations: [(index: Double?, band: Band?)], offset: Int) {
    self.framework = framework
    self.totals = totals
    self.names = names
    self.slots = slots
    self.hidden = hidden
    self.interpretations = interpretations
    self.offset = offset
    var position = 0
    shownPosition = hidden.map { reason in
      defer { if reason == nil { position += 1 } }
      return position
    }
  }

  func make(_ i: Int) -> TeamResult {
    let n = totals.sizes[slots[i]]
    if let reason = hidden[i] { return TeamResult(team: names[i], n: n, suppression: reason) }
    let dimensions = TeamSummarizer.dimensionScores(
      framework, totals.accumulators(slot: slots[i], offset: offset, count: framework.dimensions.count))
    let (index, band) = interpretations[shownPosition[i]]
    return TeamResult(team: names[i], n: n, index: index, band: band, dimensions: dimensions)
  }
}
