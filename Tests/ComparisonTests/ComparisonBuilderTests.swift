import Statistics
import SurveyModel
import Testing

@testable import Comparison

@Suite struct ComparisonBuilderTests {
  let alpha: [Double] = [4, 5, 4, 3, 5, 4, 5, 4, 4, 5, 3, 4]
  let beta: [Double] = [2, 3, 3, 2, 1, 3, 2, 3, 2, 2, 3, 2]

  /// With two teams, "the rest of the organisation" of one team is the other team.
  @Test func restOfOrganisationIsTheOtherTeams() throws {
    let rows = respondents("Alpha", a: alpha, b: alpha) + respondents("Beta", a: beta, b: alpha.reversed())
    let (frameworks, method, _) = try compare(rows)
    let team = try #require(frameworks[0].teams.first { $0.team == "Alpha" })
    let a = try #require(team.dimensions[0].difference)
    let expected = try #require(WelchTest(SampleSummary(alpha)!, SampleSummary(beta)!))
    #expect(a.baselineN == 12)
    #expect(close(a.baselineMean, SampleSummary(beta)!.mean))
    #expect(close(a.difference, expected.difference))
    #expect(close(a.p, expected.p))
    #expect(close(a.cohensD, EffectSize.cohensD(SampleSummary(alpha)!, SampleSummary(beta)!)!))
    #expect(a.verdict == .higher)
    // Dimension b: the same answers in another order → no difference at all.
    let b = try #require(team.dimensions[1].difference)
    #expect(close(b.difference, 0))
    #expect(b.verdict == .noClearDifference)
    // Holm family: 2 teams × 2 dimensions; the smallest p is multiplied by 4.
    #expect(method.familySize == 4)
    #expect(close(a.adjustedP, min(1, 4 * expected.p)))
    // The organisation row is not compared with anything.
    #expect(frameworks[0].organisation.dimensions.allSatisfy { $0.difference == nil })
  }

  @Test func smallTeamsGetTheMinimumDetectableDifferenceInsteadOfAVerdict() throws {
    let rows = respondents("Alpha", a: alpha, b: alpha) + respondents("Few", a: [1, 1, 2, 1, 2, 1], b: [3, 3, 4, 3, 3, 4])
    let few = try #require(try compare(rows).frameworks[0].teams.first { $0.team == "Few" })
    let a = try #require(few.dimensions[0].difference)
    #expect(a.verdict == .tooSmall)
    #expect((a.p ?? 1) < 0.001)  // clearly different, but n = 6 < 10: no verdict is given
    let expected = WelchTest(SampleSummary([1, 1, 2, 1, 2, 1])!, SampleSummary(alpha)!)!.minimumDetectableDifference()
    #expect(close(a.minimumDetectable, expected))
  }

  @Test func teamBaselineComparesWithThatTeam() throws {
    let rows = respondents("Alpha", a: alpha, b: alpha) + respondents("Beta", a: beta, b: beta) + respondents("Gamma", a: alpha, b: beta)
    let frameworks = try compare(rows, baseline: "Beta").frameworks
    #expect(frameworks[0].teams.map(\.team) == ["Beta", "Alpha", "Gamma"])
    #expect(frameworks[0].teams[0].isBaseline)
    #expect(frameworks[0].teams[0].dimensions.allSatisfy { $0.difference == nil })
    let gamma = frameworks[0].teams[2]
    #expect(close(gamma.dimensions[0].difference?.baselineMean, SampleSummary(beta)!.mean))
    #expect(close(gamma.dimensions[1].difference?.difference, 0))
  }

  /// With complete data the index interval is the t interval of each respondent's own index.
  @Test func indexIntervalMatchesPerRespondentIndexOnCompleteData() throws {
    let b: [Double] = [3, 4, 4, 2, 5, 3, 4, 3, 5, 4, 2, 4]
    let team = try #require(try compare(respondents("Alpha", a: alpha, b: b)).frameworks[0].teams.first)
    let own = zip(alpha, b).map { ((($0 - 1) / 4 * 100) + (($1 - 1) / 4 * 100)) / 2 }
    let expected = try #require(SampleSummary(own)!.meanInterval())
    #expect(close(team.index, SampleSummary(own)!.mean))
    #expect(close(team.indexInterval?.lower, expected.lowerBound, 1e-10))
    #expect(close(team.indexInterval?.upper, expected.upperBound, 1e-10))
  }

  @Test func reliabilityWholeSampleAndPerTeam() throws {
    let rows = respondents("Alpha", a: alpha, b: beta) + respondents("Few", a: [1, 2, 3], b: [3, 3, 4])
    let frameworks = try compare(rows).frameworks
    let whole = frameworks[0].reliability
    #expect(whole.map(\.dimension) == ["a", "b"])
    // Items a1 and 6 − a2 are identical after keying: alpha = 1, item-rest r = 1.
    #expect(close(whole[0].pairwise?.alpha, 1))
    #expect(whole[0].itemStatistics.allSatisfy { close($0.itemRest, 1) && $0.warning == nil })
    #expect(whole[0].respondents == 15)
    #expect(frameworks[0].teams.first { $0.team == "Alpha" }!.reliability.count == 2)
    #expect(frameworks[0].teams.first { $0.team == "Few" }!.reliability.isEmpty)  // n = 3 < 10
  }

  @Test func misKeyedItemIsFlagged() throws {
    // b2 written in the same direction as b1 would be; here it runs against it.
    let rows = zip(alpha, beta).map { ("Alpha", [$0, 6 - $0, $1, 6 - $1]) }
    let scale = try #require(try compare(rows).frameworks[0].reliability.last)
    #expect(scale.itemStatistics.allSatisfy { ($0.itemRest ?? 0) < 0 })
    #expect(scale.itemStatistics.allSatisfy { $0.warning?.contains("may need reverse-keying") == true })
  }

  @Test func suppressedTeamsCarryNothingButTheirSize() throws {
    let smaller = Array(beta.prefix(10))
    let rows = respondents("Alpha", a: alpha, b: alpha) + respondents("Beta", a: smaller, b: smaller) + respondents("Tiny", a: [1, 5], b: [5, 1])
    let (frameworks, _, privacy) = try compare(rows, k: 5, teams: ["Tiny", "Alpha"])
    #expect(privacy.suppressed.map(\.team) == ["Beta", "Tiny"])  // Beta hidden too: Tiny alone is below 5
    #expect(frameworks[0].teams.map(\.team) == ["Tiny", "Alpha"])
    let tiny = frameworks[0].teams[0]
    #expect(tiny == TeamComparison(team: "Tiny", n: 2, suppression: .belowMinimum))
    #expect(frameworks[0].teams[1].suppression == nil)
  }
}
