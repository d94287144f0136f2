import SurveyModel

/// Scores one row for every framework (declarative scores, then the `score` hook) and folds
/// it into team totals and whole-sample reliability sums. One per thread.
struct RowScorer {
  private let scratch: [FrameworkScratch]
  private let hooks: [ScoringHooks?]
  private let shifts: [Double]

  init(plan: ScoringPlan, hooks: [ScoringHooks?]) {
    scratch = plan.frameworks.map(FrameworkScratch.init)
    self.hooks = zip(plan.frameworks, hooks).map { $0.framework.hooks.contains(.score) ? $1 : nil }
    shifts = plan.frameworks.map(\.framework.scale.midpoint)
  }

  /// Whether any framework has a `score` hook (which needs respondent ids and team names).
  var needsIdentity: Bool { hooks.contains { $0 != nil } }

  /// Starts a new group (team) for every `score` hook (see ``ScoringHooks/beginGroup()``).
  func beginGroup() throws {
    for hook in hooks { try hook?.beginGroup() }
  }

  /// Scores `row` (answers by slot) into team `slot` of `totals`.
  /// - Parameters:
  ///   - observe: called with each framework's index and scratch once the row is scored.
  ///   - identity: the respondent, team and line, asked for only when a hook runs.
  mutating func score(
    _ row: UnsafePointer<Double>, slot: Int, totals: inout TeamTotals, reliability: inout [DimensionMoments],
    observe: ((Int, FrameworkScratch) -> Void)? = nil, identity: () -> (respondent: String, team: String, line: Int)
  ) throws {
    var answeredAny = false
    for f in scratch.indices {
      scratch[f].score(row)
      if let hook = hooks[f] {
        let who = identity()
        let context = scratch[f].context(row: row, respondent: who.respondent, team: who.team, line: who.line)
        scratch[f].clearHookMeasures()
        for (slot, value) in try hook.respondentScores(context) { scratch[f].set(slot, value ?? .nan) }
      }
      scratch[f].computeMeasures(row)
      for d in 0..<scratch[f].dimensionCount where scratch[f].answered[d] > 0 || !scratch[f].scores[d].isNaN { answeredAny = true }
      if scratch[f].answeredCountedItem { answeredAny = true }
      observe?(f, scratch[f])
      let offset = scratch[f].plan.dimensionOffset
      totals.fold(scratch[f], slot: slot, offset: offset, shift: shifts[f])
      for d in 0..<scratch[f].dimensionCount { reliability[offset + d].add(keyed: scratch[f].keyed) }
    }
    // A row without a single answer is read and accounted for, but is nobody's response:
    // it must not make a group look bigger than the people behind its numbers.
    if answeredAny { totals.countRespondent(slot) }
  }
}

extension ScoringPlan {
  /// Empty reliability sums, one per dimension of every framework.
  func emptyReliability() -> [DimensionMoments] {
    frameworks.flatMap { f in
      f.itemsOfDimension.map { DimensionMoments(items: $0) } + f.framework.measures.map { _ in DimensionMoments(items: []) }
    }
  }
}
