import Foundation
import Statistics
import Testing

@Suite struct RelativeWeightsTests {
  /// Uncorrelated drivers: each weight is the squared correlation, and they add up to R².
  @Test func uncorrelatedDriversGetTheirSquaredCorrelations() throws {
    let weights = try #require(RelativeWeights(correlations: [[1, 0], [0, 1]], outcome: [0.5, 0.3]))
    #expect(abs(weights.raw[0] - 0.25) < 1e-15 && abs(weights.raw[1] - 0.09) < 1e-15)
    #expect(abs(weights.rSquared - 0.34) < 1e-15)
  }

  /// Correlated drivers: the weights add up to R² of the regression, R² = rᵀ Rxx⁻¹ r.
  @Test func weightsAddUpToRSquared() throws {
    let rxx: [[Double]] = [[1, 0.6, 0.3], [0.6, 1, 0.2], [0.3, 0.2, 1]]
    let r = [0.5, 0.4, 0.35]
    let weights = try #require(RelativeWeights(correlations: rxx, outcome: r))
    // R² by solving Rxx b = r with Cramer's rule.
    func det(_ m: [[Double]]) -> Double {
      m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    }
    let d = det(rxx)
    let b = (0..<3).map { j in det(rxx.enumerated().map { i, row in row.enumerated().map { $0.offset == j ? r[i] : $0.element } }) / d }
    let r2 = zip(b, r).reduce(0) { $0 + $1.0 * $1.1 }
    #expect(abs(weights.rSquared - r2) < 1e-12)
    #expect(abs(weights.raw.reduce(0, +) - r2) < 1e-12)
    #expect(abs(weights.shares.reduce(0, +) - 1) < 1e-12)
  }

  @Test func collinearDriversHaveNoWeights() {
    #expect(RelativeWeights(correlations: [[1, 1], [1, 1]], outcome: [0.5, 0.5]) == nil)
    #expect(RelativeWeights(outcome: [1, 2, 3, 4], drivers: [[1, 2, 3, 4], [2, 4, 6, 8]]) == nil)
    #expect(RelativeWeights(outcome: [1, 1, 1], drivers: [[1, 2, 3], [3, 1, 2]]) == nil)
  }

  @Test func eigenDecompositionReconstructsTheMatrix() {
    let a: [[Double]] = [[4, 1, 0.5, 0], [1, 3, 0.2, 0.1], [0.5, 0.2, 2, 0.3], [0, 0.1, 0.3, 1]]
    let e = SymmetricEigen(a)
    for i in 0..<4 {
      for j in 0..<4 {
        let back = (0..<4).reduce(0.0) { $0 + e.vectors[i * 4 + $1] * e.values[$1] * e.vectors[j * 4 + $1] }
        #expect(abs(back - a[i][j]) < 1e-13)
      }
    }
  }

  /// SplitMix64's published first outputs for seed 0 (so another language can draw the same
  /// resamples), and numpy's linear percentile.
  @Test func resamplingIsReproducible() {
    var random = SplitMix64(seed: 0)
    #expect(random.next() == 0xE220_A839_7B1D_CDAF)
    #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(Percentile.of([4, 1, 3, 2], 0.5) == 2.5)
    #expect(Percentile.of([1, 2, 3, 4, 5], 0.025) == 1.1)
    #expect(Percentile.of([], 0.5) == nil)
  }

  @Test func correlationIntervalAndP() throws {
    let c = Correlation(r: 0.5, n: 28)
    // Fisher: atanh(0.5) ± 1.959964 / 5.
    let half = 1.959963984540054 / 5
    #expect(abs(c.interval!.lowerBound - tanh(atanh(0.5) - half)) < 1e-12)
    #expect(abs(c.interval!.upperBound - tanh(atanh(0.5) + half)) < 1e-12)
    // t = 0.5 √(26 / 0.75); p = 2·scipy.stats.t.sf(t, 26)
    #expect(abs(c.p! - 0.0067408961377353254) < 1e-12)
    #expect(Correlation([1, 2, 3], [2, 2, 2]) == nil)
    #expect(Correlation(r: 0.3, n: 3).interval == nil)
  }
}
