import Statistics
import SurveyModel
import Testing

@testable import Scoring

/// A `score` hook that records what it is handed: the start of each group and each
/// respondent's id and team, in call order.
private final class GroupRecordingHooks: ScoringHooks {
  enum Call: Equatable {
    case group
    case respondent(String, team: String, line: Int)
  }
  var calls: [Call] = []

  func respondentScores(_ respondent: RespondentContext) throws -> [(dimension: Int, score: Double?)] {
    calls.append(.respondent(respondent.respondent, team: respondent.team, line: respondent.line))
    return []
  }
  func index(of team: TeamContext) throws -> Double? { nil }
  func band(for index: Double, team: TeamContext) throws -> Band? { nil }
  func beginGroup() throws { calls.append(.group) }
}

@Suite struct HookGroupingTests {
  /// Generated batches of rows whose teams come in random order: the hook sees each team's rows
  /// as one group, after a fresh start, in file order; groups go in order of each team's first
  /// row; every team's name is made once per batch; and the totals are the rows' own.
  @Test(arguments: 0..<40) func teamsComeAsGroupsInFileOrder(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed) &+ 7)
    var framework = smallFramework
    framework.hooks = [.score]
    let plan = ScoringPlan(uses: [(framework, nil)])
    let hooks = GroupRecordingHooks()
    let scorer = BatchScorer(plan: plan, hooks: [hooks])
    #expect(scorer.needsIdentity)
    let teamCount = 1 + Int(random.next() % 30)
    let rowCount = Int(random.next() % 200)
    // Worker ids in any order; names with an attribute key or without, and names that sort
    // differently from their ids.
    let names = (0..<teamCount).map { t in "team \(teamCount - t)" + (t % 3 == 0 ? "\u{1F}ab" : "") }
    var batch = RowBatch(chunk: 0, slots: 3)
    var expectedRows: [Int32: [Int]] = [:]
    var firstSeen: [Int32] = []
    for r in 0..<rowCount {
      let team = Int32(random.next() % UInt64(teamCount))
      if expectedRows[team] == nil { firstSeen.append(team) }
      expectedRows[team, default: []].append(r)
      batch.values += [Double(1 + r % 5), Double(1 + (r / 5) % 5), .nan]
      batch.teams.append(team)
      batch.lines.append(Int32(r + 2))
      batch.respondents.append("id\(r)")
      batch.count += 1
      batch.rowsRead += 1
    }
    var namesMade: [Int32: Int] = [:]
    let partial = try scorer.score(batch) { id in
      namesMade[id, default: 0] += 1
      return names[Int(id)]
    }
    var expected: [GroupRecordingHooks.Call] = []
    for team in firstSeen {
      expected.append(.group)
      let shown = AttributeKey.split(names[Int(team)]).team
      for r in expectedRows[team]! { expected.append(.respondent("id\(r)", team: shown, line: r + 2)) }
    }
    #expect(hooks.calls == expected)
    #expect(namesMade.values.allSatisfy { $0 == 1 })
    #expect(Set(namesMade.keys) == Set(firstSeen))
    #expect(partial.rowsUsed == rowCount)
    for (slot, team) in partial.teams.enumerated() {
      #expect(partial.totals.sizes[slot] == expectedRows[team]!.count)
    }
  }
}
