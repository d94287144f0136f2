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

  /// A clear difference in a small team is called what it is, flagged as resting on few people;
  /// an unclear one gets the minimum detectable difference instead of "no difference".
  @Test func smallTeamsGetASignalOrTheMinimumDetectableDifference() throws {
    let rows = respondents("Alpha", a: alpha, b: alpha) + respondents("Few", a: [1, 1, 2, 1, 2, 1], b: [4, 3, 5, 4, 4, 5])
    let few = try #require(try compare(rows).frameworks[0].teams.first { $0.team == "Few" })
    let a = try #require(few.dimensions[0].difference)
    #expect((a.adjustedP ?? 1) < 0.001)
    #expect(a.verdict == .lower)
    #expect(a.smallSample)
    let b = try #require(few.dimensions[1].difference)
    #expect((b.adjustedP ?? 0) >= 0.05)
    #expect(b.verdict == .tooSmall)
    #expect(!b.smallSample)
    let expected = WelchTest(SampleSummary([4, 3, 5, 4, 4, 5])!, SampleSummary(alpha)!)!.minimumDetectableDifference()
    #expect(close(b.minimumDetectable, expected))
  }

  /// A side whose scores are all the same gets no Welch test (it would call any difference
  /// certain): verdict untestable, with the reason, and no p.
  @Test func zeroVarianceOnEitherSideIsUntestable() throws {
    // The baseline team answers identically; the 15-person team too on dimension b.
    let same = [Double](repeating: 3, count: 15)
    let rows = respondents("Base", a: [4, 4], b: [4, 4]) + respondents("Big", a: alpha + [3, 4, 5], b: same)
    let big = try #require(try compare(rows, baseline: "Base").frameworks[0].teams.first { $0.team == "Big" })
    for d in big.dimensions {
      let x = try #require(d.difference)
      #expect(x.verdict == .untestable)
      #expect(x.untestableReason == .noVariance)
      #expect(x.p == nil && x.adjustedP == nil && x.t == nil)
    }
    // One score on a side: fewer than two.
    let one = respondents("Base", a: [4], b: [4]) + respondents("Big", a: alpha, b: alpha)
    let other = try #require(try compare(one, baseline: "Base").frameworks[0].teams.first { $0.team == "Big" })
    #expect(other.dimensions[0].difference?.untestableReason == .fewerThanTwo)
  }

  /// Under listwise deletion an item's n is the listwise sample, not the item's own n.
  @Test func listwiseItemNIsTheCompleteSample() throws {
    var rows = respondents("Alpha", a: alpha, b: beta)
    rows.append(("Alpha", [4, .nan, 3, 3]))
    let scale = try #require(try compare(rows, deletion: .listwise).frameworks[0].reliability.first)
    #expect(scale.completeRespondents == 12)
    #expect(scale.itemStatistics.allSatisfy { $0.n == 12 })
    let pairwise = try #require(try compare(rows).frameworks[0].reliability.first)
    #expect(pairwise.itemStatistics.map(\.n) == [13, 12])
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
