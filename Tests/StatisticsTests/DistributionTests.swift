import Foundation
import Testing

@testable import Statistics

/// Relative closeness (absolute near zero).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
  abs(a - b) <= tolerance * max(1, abs(b)) || abs(a - b) <= tolerance * abs(b)
}

/// Reference values computed with scipy 1.17 (`scipy.special.betainc`, `scipy.stats.t`,
/// `scipy.stats.f`).
@Suite struct DistributionTests {
  struct BetaCase: Sendable { var x, a, b, expected: Double }

  @Test(arguments: [
    BetaCase(x: 0.3, a: 2, b: 3, expected: 0.34829999999999994),
    BetaCase(x: 0.9, a: 0.5, b: 0.5, expected: 0.7951672353008665),
    BetaCase(x: 0.01, a: 10, b: 0.5, expected: 1.770034965528571e-21),
    BetaCase(x: 0.999, a: 50, b: 2, expected: 0.9987659096068829),
    BetaCase(x: 0.5, a: 200, b: 300, expected: 0.9999964565197356),
    BetaCase(x: 1e-5, a: 1, b: 1, expected: 1e-5),
  ])
  func incompleteBeta(_ c: BetaCase) {
    let value = IncompleteBeta.regularized(c.x, a: c.a, b: c.b)
    #expect(abs(value - c.expected) <= 1e-12 * c.expected, "I_\(c.x)(\(c.a), \(c.b)) = \(value)")
  }

  @Test func incompleteBetaByHand() {
    // I_x(1, 1) = x; I_x(2, 1) = x²; I_x(1, 2) = 1 − (1 − x)².
    for x in stride(from: 0.05, to: 1, by: 0.05) {
      #expect(close(IncompleteBeta.regularized(x, a: 1, b: 1), x))
      #expect(close(IncompleteBeta.regularized(x, a: 2, b: 1), x * x))
      #expect(close(IncompleteBeta.regularized(x, a: 1, b: 2), 1 - (1 - x) * (1 - x)))
    }
    #expect(IncompleteBeta.regularized(0, a: 3, b: 4) == 0)
    #expect(IncompleteBeta.regularized(1, a: 3, b: 4) == 1)
  }

  struct TCase: Sendable { var t, df, cdf, twoSided: Double }

  @Test(arguments: [
    TCase(t: 2.0, df: 5, cdf: 0.9490302605850708, twoSided: 0.10193947882985835),
    TCase(t: -1.3, df: 12.5, cdf: 0.10853100531714449, twoSided: 0.21706201063428898),
    TCase(t: 0.1, df: 3, cdf: 0.5366738255995971, twoSided: 0.9266523488008059),
    TCase(t: 8.0, df: 30, cdf: 0.9999999968670887, twoSided: 6.265822475700759e-09),
    TCase(t: 40.0, df: 2, cdf: 0.9996877926639076, twoSided: 0.0006244146721847406),
  ])
  func studentT(_ c: TCase) {
    let t = StudentT(degreesOfFreedom: c.df)
    #expect(close(t.cdf(c.t), c.cdf))
    #expect(abs(t.twoSidedP(c.t) - c.twoSided) <= 1e-12 * c.twoSided)
  }

  @Test func cauchyByHand() {
    // ν = 1 is the Cauchy distribution: P(T ≤ t) = ½ + atan(t)/π, quantile = tan(π(p − ½)).
    let t = StudentT(degreesOfFreedom: 1)
    for x in [-5.0, -0.5, 0, 0.25, 3, 100] {
      #expect(close(t.cdf(x), 0.5 + atan(x) / Double.pi))
    }
    #expect(close(t.quantile(0.975), tan(Double.pi * 0.475)))
  }

  struct QuantileCase: Sendable { var p, df, expected: Double }

  @Test(arguments: [
    QuantileCase(p: 0.975, df: 1, expected: 12.706204736174694),
    QuantileCase(p: 0.975, df: 10, expected: 2.228138851986274),
    QuantileCase(p: 0.8, df: 7.3, expected: 0.8936713571802273),
    QuantileCase(p: 0.001, df: 4, expected: -7.1731822197823085),
    QuantileCase(p: 0.975, df: 1000, expected: 1.9623390808264083),
  ])
  func studentTQuantile(_ c: QuantileCase) {
    #expect(close(StudentT(degreesOfFreedom: c.df).quantile(c.p), c.expected))
  }

  struct FCase: Sendable { var p, d1, d2, quantile, cdfAt17: Double }

  @Test(arguments: [
    FCase(p: 0.975, d1: 11, d2: 110, quantile: 2.112258979742612, cdfAt17: 0.9175100415447313),
    FCase(p: 0.025, d1: 11, d2: 110, quantile: 0.3390340876851155, cdfAt17: 0.9175100415447313),
    FCase(p: 0.5, d1: 3, d2: 7, quantile: 0.870944253187285, cdfAt17: 0.7467560729351992),
    FCase(p: 0.999, d1: 1, d2: 1, quantile: 405284.0679028482, cdfAt17: 0.5834784097728859),
    FCase(p: 0.025, d1: 232, d2: 4408, quantile: 0.822787401675067, cdfAt17: 0.999999999358854),
    FCase(p: 0.975, d1: 232, d2: 4408, quantile: 1.1961651177179145, cdfAt17: 0.999999999358854),
  ])
  func fisherF(_ c: FCase) {
    let f = FisherF(numeratorDegrees: c.d1, denominatorDegrees: c.d2)
    #expect(close(f.quantile(c.p), c.quantile, 1e-11))
    #expect(close(f.cdf(1.7), c.cdfAt17))
    #expect(close(f.cdf(f.quantile(c.p)), c.p, 1e-12))
  }
}

/// Quantiles are remembered (``QuantileMemo``): a remembered one must be the number the
/// bisection finds, on every thread, and forgetting them all changes nothing.
@Suite struct QuantileMemoTests {
  /// The bisections themselves, as the distributions run them.
  static func found(t nu: Double, _ p: Double) -> Double {
    let t = Bisection.solveDecreasing(target: 2 * min(p, 1 - p)) { StudentT(degreesOfFreedom: nu).twoSidedP($0) }
    return p < 0.5 ? -t : t
  }

  static func found(f d1: Double, _ d2: Double, _ p: Double) -> Double {
    let f = FisherF(numeratorDegrees: d1, denominatorDegrees: d2)
    return p <= 0.5 ? Bisection.solveIncreasing(target: p) { f.tails($0).lower } : Bisection.solveDecreasing(target: 1 - p) { f.tails($0).upper }
  }

  @Test func rememberedQuantilesAreTheBisectionsNumbersOnEveryThread() async {
    let cases: [(Double, Double)] = [1.0, 2, 3.5, 9, 29, 240].flatMap { nu in [0.001, 0.025, 0.3, 0.7, 0.975, 0.9995].map { (nu, $0) } }
    let expected = cases.map { Self.found(t: $0.0, $0.1).bitPattern }
    let fExpected = cases.map { Self.found(f: $0.0, $0.0 * 3, $0.1).bitPattern }
    let rounds = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<4 {
        group.addTask {
          (0..<3).allSatisfy { _ in
            cases.map { StudentT(degreesOfFreedom: $0.0).quantile($0.1).bitPattern } == expected
              && cases.map { FisherF(numeratorDegrees: $0.0, denominatorDegrees: $0.0 * 3).quantile($0.1).bitPattern } == fExpected
          }
        }
      }
      return await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(rounds == [true, true, true, true])
  }
}
