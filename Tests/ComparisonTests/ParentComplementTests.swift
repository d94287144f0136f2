import Scoring
import SurveyModel
import Testing

@testable import Comparison

/// The engine's decision about a unit's parent minus the unit (`compare --baseline parent`).
@Suite struct ParentComplementTests {
  let policy = PrivacyPolicy(minGroupSize: 5)

  private func frameworkResult() throws -> FrameworkResult {
    let plan = ScoringPlan(uses: [(framework, nil)])
    let engine = ScoreEngine(plan: plan, hooks: [nil])
    try engine.add(ResponseRow(line: 2, respondent: "r", team: "t", values: [3, 3, 3, 3]))
    return try engine.results(minGroupSize: 5).frameworks[0]
  }

  /// A shown group with `counts` respondents behind dimensions a and b.
  private func group(_ name: String, _ n: Int, _ counts: [Int], suppression: Suppression? = nil) -> TeamResult {
    if let suppression { return TeamResult(team: name, n: n, suppression: suppression) }
    return TeamResult(team: name, n: n, dimensions: zip(["a", "b"], counts).map { DimensionScore(id: $0, n: $1, mean: 3) })
  }

  @Test func aRemainderBelowTheThresholdIsWithheldAndAudited() throws {
    let complement = ParentComplement(
      unit: group("U", 9, [9, 9]), parent: group("P", 12, [12, 12]), parentName: "P", framework: try frameworkResult(), policy: policy)
    #expect(!complement.shows(0) && !complement.shows(1))
    #expect(complement.reason(0) == "no difference: parent 'P' without this unit withheld (fewer respondents than the minimum group size)")
    let entry = try #require(complement.audit.first)
    #expect(complement.audit.count == 1)
    #expect(entry.cut == "parent baseline" && entry.group == "P without U" && entry.rule == .belowMinimum && entry.n == 3)
  }

  @Test func eachDimensionIsDecidedOnItsOwn() throws {
    let complement = ParentComplement(
      unit: group("U", 10, [10, 9]), parent: group("P", 20, [20, 12]), parentName: "P", framework: try frameworkResult(), policy: policy)
    #expect(complement.shows(0))
    #expect(complement.reason(0) == nil)
    #expect(!complement.shows(1))
    #expect(complement.audit.map(\.rule) == [.dataPointBelowMinimum])
    #expect(complement.audit.first?.dataPoint == "b")
  }

  @Test func aWithheldParentOrNoOneElseGivesNoDifferenceAndNoAuditEntry() throws {
    let result = try frameworkResult()
    let withheld = ParentComplement(
      unit: group("U", 10, [10, 10]), parent: group("P", 30, [], suppression: .nested), parentName: "P", framework: result, policy: policy)
    #expect(withheld.reason(0) == "no difference: parent 'P' withheld")
    #expect(withheld.audit.isEmpty)
    let alone = ParentComplement(
      unit: group("U", 10, [10, 10]), parent: group("P", 10, [10, 10]), parentName: "P", framework: result, policy: policy)
    #expect(alone.reason(1) == "no difference: parent 'P' has no respondents outside the unit")
    #expect(alone.audit.isEmpty)
  }

  @Test func aTopUnitsParentIsTheOrganisation() throws {
    let complement = ParentComplement(
      unit: group("U", 10, [10, 10]), parent: group("(all teams)", 40, [40, 40]), parentName: nil, framework: try frameworkResult(),
      policy: policy)
    #expect(complement.parentName == nil)
    #expect(complement.shows(0) && complement.shows(1))
  }
}
