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

  /// Scores `row` (answers by slot) into team `slot` of `totals`, and keeps its keyed answers
  /// in `keyedRows` for the batch's reliability sums.
  /// - Parameters:
  ///   - observe: called with each framework's index and scratch once the row is scored.
  ///   - identity: the respondent, team and line, asked for only when a hook runs.
  mutating func score(
    _ row: UnsafePointer<Double>, slot: Int, totals: inout TeamTotals, keyedRows: KeyedRows,
    observe: ((Int, FrameworkScratch) -> Void)? = nil, identity: () -> (respondent: ListedText, team: ListedText, line: Int)
  ) throws {
    var answeredAny = false
    for f in scratch.indices {
      let frame = scratch[f]
      frame.score(row)
      if let hook = hooks[f] {
        let who = identity()
        let context = frame.context(row: row, respondent: who.respondent, team: who.team, line: who.line)
        frame.clearHookMeasures()
        for (slot, value) in try hook.respondentScores(context) { frame.set(slot, value ?? .nan) }
      }
      frame.computeMeasures(row)
      if frame.answeredAnything { answeredAny = true }
      observe?(f, frame)
      totals.fold(frame, slot: slot, offset: frame.plan.dimensionOffset, shift: shifts[f])
      keyedRows.keep(f, frame.keyed)
    }
    keyedRows.endRow()
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
