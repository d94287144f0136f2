import SurveyModel
import Testing

@testable import Privacy

/// The engine's rules on hand-made populations (one data point unless said otherwise).
@Suite struct AnonymityEngineTests {
  /// Teams under the organisation, each with (respondents, count behind each data point).
  func teams(_ sizes: [(Int, [Int])], names: [String]? = nil) -> Population {
    let width = sizes.first?.1.count ?? 1
    var p = Population(
      dataPoints: (0..<width).map { .init(name: "d\($0)", framework: 0) },
      atoms: sizes.map { .init(respondents: $0.0, counts: $0.1) }, organisation: "(all teams)")
    for i in sizes.indices { p.add(.init(cut: "team", name: names?[i] ?? "t\(i)", atoms: [i])) }
    return p
  }

  @Test func aDimensionWithOneRespondentIsWithheldInAShownTeam() {
    let d = AnonymityEngine.decide(teams([(12, [12, 1]), (10, [10, 9]), (8, [8, 8])]), policy: PrivacyPolicy(minGroupSize: 5))
    #expect(d.groupWithheld(1) == nil)
    #expect(d.withheld(1, dataPoint: 1) == .dataPointBelowMinimum)
    #expect(d.indexWithheld(1, framework: 0) == .derived)
    // The organisation minus the shown teams would isolate that one person: the smallest shown team goes too.
    #expect(d.withheld(3, dataPoint: 1) == .complementary)
    #expect(d.shows(2, dataPoint: 1))
    #expect(d.shows(0, dataPoint: 1))
    #expect(d.shows(1, dataPoint: 0) && d.shows(2, dataPoint: 0) && d.shows(3, dataPoint: 0))
  }

  @Test func theHiddenRemainderReachesTheThresholdOrIsEmpty() {
    let d = AnonymityEngine.decide(teams([(4, [4]), (6, [6]), (7, [7]), (20, [20])]), policy: PrivacyPolicy(minGroupSize: 5))
    #expect(d.groupWithheld(1) == .belowMinimum)
    #expect(d.withheld(2, dataPoint: 0) == .complementary)
    #expect(d.shows(3, dataPoint: 0) && d.shows(4, dataPoint: 0))
    let none = AnonymityEngine.decide(teams([(5, [5]), (6, [6])]), policy: PrivacyPolicy(minGroupSize: 5))
    #expect(none.audit.isEmpty)
  }

  @Test func theThresholdHasAFloorOfThree() {
    #expect(PrivacyPolicy(minGroupSize: 1).threshold == 3)
    #expect(PrivacyPolicy(minGroupSize: 8).threshold == 8)
    let d = AnonymityEngine.decide(teams([(2, [2]), (9, [9])]), policy: PrivacyPolicy(minGroupSize: 1))
    #expect(d.groupWithheld(1) == .belowMinimum)
  }

  @Test func aSmallOrganisationIsWithheld() {
    let d = AnonymityEngine.decide(teams([(2, [2])]), policy: PrivacyPolicy(minGroupSize: 5))
    #expect(d.groupWithheld(0) == .belowMinimum)
  }

  @Test func aParentMinusItsShownChildrenIsolatesNobody() {
    // Engineering = Mobile (3) + Platform (9) + Web (8); Sales (12) beside it.
    var p = Population(
      dataPoints: [.init(name: "d", framework: 0)],
      atoms: [3, 9, 8, 12].map { .init(respondents: $0, counts: [$0]) }, organisation: "(all teams)")
    let engineering = p.add(.init(cut: "department", name: "Engineering", atoms: [0, 1, 2]))
    p.add(.init(cut: "team", name: "Mobile", atoms: [0], parent: engineering))
    p.add(.init(cut: "team", name: "Platform", atoms: [1], parent: engineering))
    p.add(.init(cut: "team", name: "Web", atoms: [2], parent: engineering))
    p.add(.init(cut: "department", name: "Sales", atoms: [3]))
    let d = AnonymityEngine.decide(p, policy: PrivacyPolicy(minGroupSize: 5))
    #expect(d.groupWithheld(2) == .belowMinimum)
    #expect(d.withheld(4, dataPoint: 0) == .nested)  // Web, the smaller sibling
    #expect(d.shows(1, dataPoint: 0) && d.shows(3, dataPoint: 0))
  }

  @Test func aMappedGroupIsWithheldWhenTheTeamsItPoolsWereFixedByAnotherRun() {
    // score shows Finance (9), hides Legal (4) and Ops (6, complementary); trend merges Legal & Finance.
    var p = Population(
      dataPoints: [.init(name: "d", framework: 0)],
      atoms: [9, 4, 6, 30].map { .init(respondents: $0, counts: [$0]) }, organisation: "(all teams)", organisationFixed: [true])
    let merged = p.add(.init(cut: "mapped team", name: "Legal & Finance", atoms: [0, 1]))
    p.add(.init(cut: "team", name: "Finance", atoms: [0], parent: merged, fixed: [true]))
    p.add(.init(cut: "team", name: "Legal", atoms: [1], parent: merged, fixed: [false]))
    p.add(.init(cut: "team", name: "Ops", atoms: [2], fixed: [false]))
    p.add(.init(cut: "team", name: "Rest", atoms: [3], fixed: [true]))
    let d = AnonymityEngine.decide(p, policy: PrivacyPolicy(minGroupSize: 5))
    #expect(d.withheld(merged, dataPoint: 0) == .mapping)
    #expect(d.audit.map(\.group) == ["Legal & Finance"])
  }

  @Test func theAuditSaysWhatWouldShowANumber() {
    let d = AnonymityEngine.decide(
      teams([(3, [3]), (20, [20]), (9, [9])], names: ["Legal", "Sales", "Ops"]), policy: PrivacyPolicy(minGroupSize: 5))
    let legal = d.audit.first { $0.group == "Legal" }
    #expect(legal?.rule == .belowMinimum)
    #expect(legal?.wouldShow == .moreRespondents(more: 2, answering: nil))
    let ops = d.audit.first { $0.group == "Ops" }
    #expect(ops?.rule == .complementary)
    // Ops (9) is the smallest team that, withheld with Legal, leaves the organisation's
    // remainder at 3 + 9 = 12: it is held back to protect Legal's 3, which are 2 short of 5.
    #expect(ops?.wouldShow == .remainder(of: "(all teams)", point: nil, threshold: 5, more: 2))
  }
}
