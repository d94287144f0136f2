import Foundation
import Testing

@testable import Statistics

/// Reads pingouin's `cronbach_wide_missing.csv` (UTF-8 BOM, empty cells = missing).
func pingouinFixture() throws -> [[Double]] {
  let url = try #require(Bundle.module.url(forResource: "cronbach_wide_missing", withExtension: "csv", subdirectory: "Fixtures"))
  var text = try String(contentsOf: url, encoding: .utf8)
  if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
  let lines = text.split(separator: "\n").dropFirst()
  return lines.map { line in line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) ?? .nan } }
}

func accumulate(_ rows: [[Double]], shift: Double = 0) -> ReliabilityAccumulator {
  var accumulator = ReliabilityAccumulator(items: rows[0].count, shift: shift)
  for row in rows { accumulator.add(row) }
  return accumulator
}

func rounded3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

@Suite struct ReliabilityTests {
  /// SURVEYS.md / pingouin's docstring: pairwise 0.732661 [0.435, 0.909], listwise
  /// 0.801695 [0.581, 0.933] (pingouin 0.7 takes n before dropping incomplete rows).
  @Test func pingouinFixtureValues() throws {
    let rows = try pingouinFixture()
    #expect(rows.count == 12 && rows.allSatisfy { $0.count == 11 })
    let accumulator = accumulate(rows, shift: 0.5)
    let pairwise = try #require(accumulator.alpha(.pairwise))
    #expect(abs(pairwise.alpha - 0.732660835214447) < 1e-12)
    #expect(rounded3(pairwise.interval!.lowerBound) == 0.435)
    #expect(rounded3(pairwise.interval!.upperBound) == 0.909)
    let listwise = try #require(accumulator.alpha(.listwise))
    #expect(abs(listwise.alpha - 0.8016949152542373) < 1e-12)
    #expect(listwise.n == 12)
    #expect(accumulator.completeCases.n == 9)
    #expect(rounded3(listwise.interval!.lowerBound) == 0.581)
    #expect(rounded3(listwise.interval!.upperBound) == 0.933)
  }

  @Test func shiftDoesNotChangeResults() throws {
    let rows = try pingouinFixture()
    for rule in DeletionRule.allCases {
      let a = try #require(accumulate(rows, shift: 0).alpha(rule)).alpha
      let b = try #require(accumulate(rows, shift: 7).alpha(rule)).alpha
      #expect(abs(a - b) < 1e-12)
    }
  }

  /// Three items answered by four people, computed by hand.
  /// Items: x = [1, 2, 3, 4], y = [2, 2, 4, 4], z = [4, 3, 2, 1] (z runs against the others).
  @Test func handComputedAlphaAndItemStatistics() throws {
    let rows: [[Double]] = [[1, 2, 4], [2, 2, 3], [3, 4, 2], [4, 4, 1]]
    let accumulator = accumulate(rows, shift: 2.5)
    let c = accumulator.covariance(.pairwise)
    // var x = 5/3, var y = 4/3, var z = 5/3; cov(x, y) = 4/3, cov(x, z) = −5/3, cov(y, z) = −4/3.
    #expect(close(c[0, 0], 5.0 / 3) && close(c[1, 1], 4.0 / 3) && close(c[0, 1], 4.0 / 3))
    #expect(close(c[0, 2], -5.0 / 3) && close(c[1, 2], -4.0 / 3))
    // ΣC = 14/3 − 2·(4/3 + 5/3 + 4/3)·… : trace 14/3, off-diagonal sum 2·(4/3 − 5/3 − 4/3) = −10/3.
    let alpha = try #require(CronbachAlpha.alpha(c))
    #expect(close(alpha, 1.5 * (1 - (14.0 / 3) / (4.0 / 3))))
    let items = CronbachAlpha.itemStatistics(c)
    // z against x + y: cov = −3, var(x + y) = 5/3 + 4/3 + 8/3 = 17/3 → r = −3 / √(5/3 · 17/3).
    #expect(close(items[2].itemRestCorrelation!, -3 / (5.0 / 3 * 17.0 / 3).squareRoot()))
    // Without z: α = 2 · (1 − 3 / (17/3)).
    #expect(close(items[2].alphaIfDeleted!, 2 * (1 - 3 / (17.0 / 3))))
    #expect(items[2].itemRestCorrelation! < 0)
  }

  @Test func pairwiseUsesJointlyAnsweredRows() {
    // Item 2 is missing in row 3: cov(1, 2) uses rows 1, 2, 4 only.
    var moments = PairwiseMoments(count: 2, shift: 3)
    for row in [[1.0, 2.0], [2, 5], [3, .nan], [5, 4]] { moments.add(row) }
    #expect(moments.pairCount(0, 0) == 4 && moments.pairCount(0, 1) == 3 && moments.pairCount(1, 1) == 3)
    // x = [1, 2, 5] (mean 8/3), y = [2, 5, 4] (mean 11/3): Σ(dx·dy) = (−5/3)(−5/3) + (−2/3)(4/3) + (7/3)(1/3) = 8/3, divided by n − 1 = 2.
    #expect(close(moments.covariance(0, 1), 4.0 / 3))
    #expect(close(moments.summary(0)!.variance, (1 + 4 + 9 + 25 - 11.0 * 11 / 4) / 3))
  }

  /// Complete rows go to complete-row sums and the others to per-pair sums; together they give
  /// what a two-pass computation over each pair's jointly answered rows gives, and counts of
  /// complete rows and of rows with any answer, on 500 generated data sets (k 1–6, up to 60%
  /// missing, rows with nothing answered, one and several batches merged).
  @Test func pairwiseMomentsEqualATwoPassComputation() {
    var rng = SplitMix64(seed: 20_261_201)
    for _ in 0..<500 {
      let k = Int(rng.next() % 6) + 1
      let missing = Double(rng.next() % 60) / 100
      let rows = (0..<Int(rng.next() % 40)).map { _ in
        (0..<k).map { _ in Double(rng.next() % 1000) / 1000 < missing ? Double.nan : Double(1 + rng.next() % 5) }
      }
      let shift = Double(rng.next() % 7)
      var whole = PairwiseMoments(count: k, shift: shift)
      var parts = (PairwiseMoments(count: k, shift: shift), PairwiseMoments(count: k, shift: shift))
      for (r, row) in rows.enumerated() {
        whole.add(row)
        if r % 3 == 0 { parts.0.add(row) } else { parts.1.add(row) }
      }
      parts.0.merge(parts.1)
      #expect(whole.completeCount == rows.filter { $0.allSatisfy { !$0.isNaN } }.count)
      #expect(whole.observations == rows.filter { $0.contains { !$0.isNaN } }.count)
      for moments in [whole, parts.0] {
        for i in 0..<k {
          for j in 0..<k {
            let joint = rows.filter { !$0[i].isNaN && !$0[j].isNaN }
            #expect(moments.pairCount(i, j) == joint.count)
            guard joint.count > 1 else {
              #expect(moments.covariance(i, j).isNaN)
              continue
            }
            let (mi, mj) = (joint.map { $0[i] }.reduce(0, +) / Double(joint.count), joint.map { $0[j] }.reduce(0, +) / Double(joint.count))
            let expected = joint.map { ($0[i] - mi) * ($0[j] - mj) }.reduce(0, +) / Double(joint.count - 1)
            #expect(abs(moments.covariance(i, j) - expected) < 1e-9, "k \(k), (\(i), \(j)): \(moments.covariance(i, j)) vs \(expected)")
          }
        }
      }
    }
  }

  /// A batch of rows picked out of a wider matrix folds to the same bits as adding its picked
  /// rows one at a time (the scoring pipeline folds each batch at once).
  @Test func aBatchOfRowsFoldsToTheBitsOfRowByRow() {
    var rng = SplitMix64(seed: 20_261_202)
    for _ in 0..<500 {
      let width = Int(rng.next() % 9) + 1
      let k = Int(rng.next() % UInt64(width)) + 1
      let columns = (0..<k).map { _ in Int(rng.next() % UInt64(width)) }
      let missing = Double(rng.next() % 60) / 100
      let count = Int(rng.next() % 300)
      let matrix = (0..<(max(count, 1) * width)).map { _ in Double(rng.next() % 1000) / 1000 < missing ? Double.nan : Double(1 + rng.next() % 7) / 2 }
      let shift = Double(rng.next() % 7)
      var oneByOne = PairwiseMoments(count: k, shift: shift)
      for r in 0..<count { oneByOne.add(columns.map { matrix[r * width + $0] }) }
      var batch = PairwiseMoments(count: k, shift: shift)
      matrix.withUnsafeBufferPointer { m in
        columns.withUnsafeBufferPointer { c in batch.add(rows: count, of: m.baseAddress!, stride: width, columns: c.baseAddress!) }
      }
      #expect(batch.storage.map(\.bitPattern) == oneByOne.storage.map(\.bitPattern), "width \(width), columns \(columns), rows \(count)")
    }
  }

  /// With values whose sums are not exact (tenths), a batch's sums differ from row by row's
  /// only by rounding: the complete rows' sums are added as dot products over the batch.
  @Test func aBatchOfInexactRowsFoldsToRowByRowWithinRounding() {
    var rng = SplitMix64(seed: 20_261_204)
    for _ in 0..<200 {
      let k = Int(rng.next() % 8) + 1
      let missing = Double(rng.next() % 30) / 100
      let count = Int(rng.next() % 300)
      let matrix = (0..<(max(count, 1) * k)).map { _ in Double(rng.next() % 1000) / 1000 < missing ? Double.nan : Double(rng.next() % 101) / 10 }
      var oneByOne = PairwiseMoments(count: k, shift: 4.7)
      for r in 0..<count { oneByOne.add(Array(matrix[(r * k)..<(r * k + k)])) }
      var batch = PairwiseMoments(count: k, shift: 4.7)
      let columns = Array(0..<k)
      matrix.withUnsafeBufferPointer { m in
        columns.withUnsafeBufferPointer { c in batch.add(rows: count, of: m.baseAddress!, stride: k, columns: c.baseAddress!) }
      }
      for (a, b) in zip(batch.storage, oneByOne.storage) {
        #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "k \(k), rows \(count): \(a) against \(b)")
      }
    }
  }

  @Test func mergingEqualsFoldingEverything() throws {
    let rows = try pingouinFixture()
    var first = accumulate(Array(rows[..<5]), shift: 0.5)
    first.merge(accumulate(Array(rows[5...]), shift: 0.5))
    let whole = accumulate(rows, shift: 0.5)
    #expect(first.covariance(.pairwise) == whole.covariance(.pairwise))
    #expect(first.alpha(.listwise)?.alpha == whole.alpha(.listwise)?.alpha)
    #expect(first.respondents == whole.respondents)
  }

  @Test func undefinedCases() {
    #expect(CronbachAlpha.alpha(CovarianceMatrix(rows: [[1]])) == nil)
    #expect(CronbachAlpha.alpha(CovarianceMatrix(rows: [[0, 0], [0, 0]])) == nil)
    #expect(CronbachAlpha.alpha(CovarianceMatrix(rows: [[1, .nan], [.nan, 1]])) == nil)
    #expect(CronbachAlpha.feldtInterval(alpha: 0.8, n: 1, items: 3) == nil)
    // Every respondent has the same total (two 0/1 items answered 0,1 or 1,0): the total
    // variance is zero, and rounding noise in it must not become an alpha.
    #expect(CronbachAlpha.alpha(CovarianceMatrix(rows: [[0.25, -0.25 + 1e-17], [-0.25 + 1e-17, 0.25]])) == nil)
    #expect(accumulate([[0, 1], [1, 0], [0, 1]]).alpha(.listwise) == nil)
    // Rows with no answer at all do not count as respondents.
    let accumulator = accumulate([[1, 2], [.nan, .nan], [2, 3]])
    #expect(accumulator.respondents == 2)
  }

  /// Pairwise covariances of items with much missing data need not fit together; alpha above 1
  /// is then not reported, and Feldt's interval never gets bounds the wrong way round.
  @Test func alphaAboveOneIsUndefinedAndNeverTraps() {
    let inconsistent = CovarianceMatrix(rows: [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]])
    // The first fits together well enough (alpha 0.56); the second cannot come from any data.
    let impossible = CovarianceMatrix(rows: [[1, 1.5, 1.5], [1.5, 1, 1.5], [1.5, 1.5, 1]])
    #expect(CronbachAlpha.alpha(inconsistent) != nil)
    let raw = 1.5 * (1 - 3 / 12.0)
    #expect(raw > 1)
    #expect(CronbachAlpha.alpha(impossible) == nil)
    #expect(CronbachAlpha(covariance: impossible, n: 7) == nil)
    #expect(CronbachAlpha.feldtInterval(alpha: 1.05, n: 7, items: 4) == nil)
    #expect(CronbachAlpha.feldtInterval(alpha: .infinity, n: 7, items: 4) == nil)
    #expect(CronbachAlpha.feldtInterval(alpha: -.infinity, n: 7, items: 4) == nil)
    #expect(CronbachAlpha.feldtInterval(alpha: .nan, n: 7, items: 4) == nil)
  }

  /// An item-rest correlation that is exactly zero reads 0 (not ±2e−16); with no variance in
  /// the rest it is undefined (nil), not rounding noise over rounding noise.
  @Test func exactZerosAndUndefinedItemRest() {
    // Item 3 is uncorrelated with items 1 and 2 exactly: x3 = (1, 2, 2, 1), x1 = x2 = (1, 2, 1, 2).
    var moments = PairwiseMoments(count: 3, shift: 3)
    for row in [[1.0, 1, 1], [2, 2, 2], [1, 1, 2], [2, 2, 1]] { moments.add(row) }
    let stats = CronbachAlpha.itemStatistics(moments.covarianceMatrix)
    #expect(stats[2].itemRestCorrelation == 0)
    // Constant items: every variance is zero, so nothing is defined.
    var constant = PairwiseMoments(count: 3, shift: 3)
    for _ in 0..<5 { constant.add([4.1, 2.7, 3.3]) }
    let none = CronbachAlpha.itemStatistics(constant.covarianceMatrix)
    #expect(none.allSatisfy { $0.itemRestCorrelation == nil && $0.alphaIfDeleted == nil })
    #expect(constant.covarianceMatrix.values.allSatisfy { $0 == 0 })
  }
}
