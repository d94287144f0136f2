import SurveyModel

/// The totals of one chunk of rows, for the teams that appear in it, to be merged into the
/// engine in chunk order (so results do not depend on how many threads scored the chunks).
public struct PartialScores: Sendable {
  public let chunk: Int
  /// Each slot's team, as an id of the reading worker's team table.
  var teams: [Int32] = []
  var totals: TeamTotals
  var reliability: [DimensionMoments]
  /// Names of the worker's team ids `firstNewTeam...` first seen in this chunk.
  public var newTeamNames: [String] = []
  public var firstNewTeam = 0
  public var rowsRead = 0
  public var rowsUsed = 0
  /// Rejected records of the chunk.
  public var rejected: [RejectedRecord] = []
}

/// Scores batches of rows on one thread. Give each thread its own scorer, with its own hooks.
public final class BatchScorer {
  private let plan: ScoringPlan
  private var rows: RowScorer
  /// Per worker team id: its slot in the batch being scored (-1 between batches).
  private var slotOfTeam: [Int32] = []
  /// Per row of the batch being scored: its team's slot.
  private var rowSlots: [Int32] = []
  /// What ``assignSlots(_:)``'s first pass read (kept so that its loads are not optimised away).
  private var warmed: Int32 = 0
  private let keyedRows: KeyedRows
  /// The names of the batch being scored, by slot, and the teams hooks see (see
  /// ``score(_:appendTeamNames:)``).
  private var teamNames = TextList()
  private var hookTeams = TextList()

  public init(plan: ScoringPlan, hooks: [ScoringHooks?]) {
    self.plan = plan
    rows = RowScorer(plan: plan, hooks: hooks)
    keyedRows = KeyedRows(plan: plan)
  }

  /// Sees every respondent once scored (see ``ScoredRowObserver``), on this scorer's thread:
  /// give it to the only scorer of a run, so it sees the rows in order.
  public var observer: ScoredRowObserver?

  /// Whether batches must carry respondent ids (a `score` hook needs them).
  public var needsIdentity: Bool { rows.needsIdentity }

  /// Whether ``score(_:teamName:)`` asks for team names (hooks and observers see them).
  var needsTeamNames: Bool { needsIdentity || observer != nil }

  /// Scores a batch.
  /// - Parameter teamName: the name of one of the worker's team ids (for hooks).
  /// - Throws: whatever a `score` hook throws.
  public func score(_ batch: RowBatch, teamName: (Int32) -> String) throws -> PartialScores {
    try score(batch) { ids, list in for id in ids { list.append(teamName(id)) } }
  }

  /// Scores a batch.
  /// - Parameter appendTeamNames: appends the names of some of the worker's team ids to a
  ///   list, in order (for hooks and observers).
  /// - Throws: whatever a `score` hook throws.
  public func score(_ batch: RowBatch, appendTeamNames: ([Int32], inout TextList) -> Void) throws -> PartialScores {
    // Each team of the batch gets its slot first, so that the totals are made at their size
    // once (no growing and copying while rows are folded).
    let teams = assignSlots(batch.teams)
    var partial = PartialScores(
      chunk: batch.chunk, teams: teams, totals: TeamTotals(plan, emptyTeams: teams.count),
      reliability: plan.emptyReliability())
    partial.rowsRead = batch.rowsRead
    partial.rowsUsed = batch.count
    partial.rejected = batch.rejected
    // With `score` hooks, each team's rows are scored together, in file order, after a fresh
    // start of the hooks (see ``ScoringHooks/beginGroup()``); team totals fold in file order
    // either way. Groups go in order of their team's first row in the batch (slot order, not
    // worker team ids, which differ from thread to thread), so the sums come out in the same
    // order whatever the number of threads.
    let order = needsIdentity ? rowsBySlot(slots: teams.count) : nil
    // The names of the batch's teams, by slot, as bytes: a `String` is made only for an
    // observer or when a hook reads a team. Hooks see the team without its attribute codes.
    teamNames.removeAll()
    hookTeams.removeAll()
    if needsTeamNames {
      appendTeamNames(teams, &teamNames)
      if needsIdentity {
        for slot in teams.indices { teamNames.withUTF8(slot) { hookTeams.append(AttributeKey.team(of: $0)) } }
      }
    }
    let (names, hookNames) = (teamNames, hookTeams)
    // An observer is handed each team's name as a `String`, made once per batch.
    var observedNames = [String?](repeating: nil, count: observer == nil ? 0 : teams.count)
    func observedName(_ slot: Int) -> String {
      if let name = observedNames[slot] { return name }
      let name = names[slot]
      observedNames[slot] = name
      return name
    }
    var groupSlot = -1
    keyedRows.begin(into: partial.reliability)
    try batch.values.withUnsafeBufferPointer { values in
      for i in 0..<batch.count {
        let r = order?[i] ?? i
        let slot = Int(rowSlots[r])
        if needsIdentity, slot != groupSlot {
          try rows.beginGroup()
          groupSlot = slot
        }
        let observe = observer.map { observer -> (Int, FrameworkScratch) -> Void in
          let team = observedName(slot)
          return { f, scratch in
            observer.observe(
              team: team, framework: f, keyed: UnsafeBufferPointer(start: scratch.keyed, count: scratch.itemCount),
              scores: UnsafeBufferPointer(start: scratch.scores, count: scratch.dimensionCount))
          }
        }
        try rows.score(
          values.baseAddress! + r * batch.slots, slot: slot, totals: &partial.totals, keyedRows: keyedRows, observe: observe
        ) {
          (
            batch.respondents.isEmpty ? ListedText("row \(batch.lines[r])") : ListedText(batch.respondents, r), ListedText(hookNames, slot),
            Int(batch.lines[r])
          )
        }
      }
    }
    keyedRows.fold()
    return partial
  }

  /// Gives each team of a batch (worker team ids, by row) its slot, in order of its first row,
  /// and fills ``rowSlots``. With tens of thousands of teams in random order each row's entry
  /// of ``slotOfTeam`` is a cache miss: a first pass of independent loads lets the misses of
  /// the batch overlap instead of following one another (before, perf put half of the batch
  /// scorer's samples on that one load).
  /// - Returns: the teams by slot.
  private func assignSlots(_ rowTeams: [Int32]) -> [Int32] {
    let needed = Int(rowTeams.max() ?? -1) + 1
    if needed > slotOfTeam.count { slotOfTeam.append(contentsOf: repeatElement(-1, count: needed - slotOfTeam.count)) }
    var teams: [Int32] = []
    rowSlots.removeAll(keepingCapacity: true)
    rowSlots.reserveCapacity(rowTeams.count)
    slotOfTeam.withUnsafeMutableBufferPointer { slotOf in
      var touched: Int32 = 0
      for team in rowTeams { touched &+= slotOf[Int(team)] }
      warmed = touched
      for team in rowTeams {
        var slot = slotOf[Int(team)]
        if slot < 0 {
          slot = Int32(teams.count)
          slotOf[Int(team)] = slot
          teams.append(team)
        }
        rowSlots.append(slot)
      }
      for team in teams { slotOf[Int(team)] = -1 }
    }
    return teams
  }

  /// The batch's rows grouped by slot (a counting sort: slots in order, each slot's rows in
  /// file order), from `rowSlots`.
  private func rowsBySlot(slots: Int) -> [Int] {
    var next = [Int](repeating: 0, count: slots + 1)
    for slot in rowSlots { next[Int(slot) + 1] += 1 }
    for s in 0..<slots { next[s + 1] += next[s] }
    var order = [Int](repeating: 0, count: rowSlots.count)
    for (r, slot) in rowSlots.enumerated() {
      order[next[Int(slot)]] = r
      next[Int(slot)] += 1
    }
    return order
  }
}
