import Testing

@testable import Statistics

/// Welch, Holm, Cohen's d and the interval of a mean, by hand and against scipy / statsmodels /
/// pingouin values.
@Suite struct TestTests {
  let a = SampleSummary([3.2, 4.1, 3.8, 4.5, 3.9, 2.7])!
  let b = SampleSummary([2.9, 3.1, 3.3, 2.2, 3.0, 3.6, 2.8, 3.4])!

  @Test func summaryByHand() {
    let s = SampleSummary([2, 4, 4, 4, 5, 5, 7, 9])!
    #expect(s.n == 8)
    #expect(s.mean == 5)
    #expect(close(s.variance, 32.0 / 7))
    #expect(SampleSummary([]) == nil)
    #expect(SampleSummary([3])!.meanInterval() == nil)
  }

  @Test func welchAgainstScipy() throws {
    // scipy.stats.ttest_ind(a, b, equal_var=False)
    let test = try #require(WelchTest(a, b))
    #expect(close(test.t, 2.170184461929999))
    #expect(close(test.degreesOfFreedom, 8.217665138805538))
    #expect(close(test.p, 0.06091523383065682))
    #expect(close(WelchTest(b, a)!.p, test.p))
    #expect(close(WelchTest(b, a)!.t, -test.t))
  }

  @Test func welchNeedsVariance() {
    let flat = SampleSummary(n: 5, mean: 3, variance: 0)
    #expect(WelchTest(flat, flat) == nil)
    #expect(WelchTest(SampleSummary(n: 1, mean: 3, variance: 0), a) == nil)
  }

  @Test func minimumDetectableDifference() throws {
    // (t₀.₉₇₅ + t₀.₈) · SE at the Welch degrees of freedom, written out.
    let test = try #require(WelchTest(a, b))
    let t = StudentT(degreesOfFreedom: test.degreesOfFreedom)
    let expected = (t.quantile(0.975) + t.quantile(0.8)) * (a.variance / 6 + b.variance / 8).squareRoot()
    #expect(close(test.minimumDetectableDifference(), expected))
    // Larger samples of the same spread detect smaller differences.
    let big = try #require(
      WelchTest(SampleSummary(n: 600, mean: a.mean, variance: a.variance), SampleSummary(n: 800, mean: b.mean, variance: b.variance)))
    #expect(big.minimumDetectableDifference() < test.minimumDetectableDifference() / 5)
  }

  struct HolmCase: Sendable { var input, expected: [Double] }

  @Test(arguments: [
    // statsmodels.stats.multitest.multipletests(method="holm")
    HolmCase(input: [0.01, 0.04, 0.03, 0.005, 0.2], expected: [0.04, 0.09, 0.09, 0.025, 0.2]),
    HolmCase(input: [0.5], expected: [0.5]),
    HolmCase(input: [0.3, 0.6], expected: [0.6, 0.6]),
    HolmCase(input: [0.02, 0.9, 0.01], expected: [0.04, 0.9, 0.03]),
    HolmCase(input: [], expected: []),
  ])
  func holm(_ c: HolmCase) {
    let adjusted = Holm.adjust(c.input)
    #expect(adjusted.count == c.expected.count)
    for (x, y) in zip(adjusted, c.expected) { #expect(close(x, y)) }
  }

  @Test func holmLeavesNaNOutOfTheFamily() {
    let adjusted = Holm.adjust([0.01, .nan, 0.04])
    #expect(adjusted[1].isNaN)
    #expect(close(adjusted[0], 0.02))
    #expect(close(adjusted[2], 0.04))
  }

  @Test func cohensD() throws {
    // pingouin.compute_effsize(a, b, eftype="cohen")
    #expect(close(try #require(EffectSize.cohensD(a, b)), 1.244849632220997))
    // By hand: means 2 and 4, both variances 1 → pooled SD 1 → d = −2.
    let x = SampleSummary([1, 2, 3])!
    let y = SampleSummary([3, 4, 5])!
    #expect(close(EffectSize.cohensD(x, y)!, -2))
    // Unequal sizes: x = [0, 2] (var 2), y = [1, 1, 4] (var 3): pooled √((2 + 6) / 3).
    #expect(close(EffectSize.cohensD(SampleSummary([0, 2])!, SampleSummary([1, 1, 4])!)!, (1 - 2) / (8.0 / 3).squareRoot()))
  }

  @Test func meanInterval() throws {
    // scipy.stats.t.interval(0.95, n − 1, loc=mean, scale=sem)
    let interval = try #require(a.meanInterval(level: 0.95))
    #expect(close(interval.lowerBound, 3.0198879738166395))
    #expect(close(interval.upperBound, 4.38011202618336))
  }
}

@Suite struct SampleSummaryPartsTests {
  @Test func removingASubsampleLeavesTheRest() throws {
    let team: [Double] = [3.2, 4.1, 3.8, 4.5, 3.9, 2.7]
    let rest: [Double] = [2.9, 3.1, 3.3, 2.2, 3.0, 3.6, 2.8, 3.4]
    let whole = SampleSummary(team + rest)!
    let computed = try #require(whole.removing(SampleSummary(team)!))
    let direct = SampleSummary(rest)!
    #expect(computed.n == direct.n)
    #expect(close(computed.mean, direct.mean))
    #expect(close(computed.variance, direct.variance, 1e-11))
    #expect(whole.removing(whole) == nil)
    #expect(SampleSummary([1, 2, 4])!.removing(SampleSummary([1, 2])!)!.variance == 0)
  }
}
