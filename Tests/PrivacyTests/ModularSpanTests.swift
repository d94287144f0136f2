import Statistics
import Testing

@testable import Privacy

/// ``ModularSpan`` (sparse rows) against a plain dense elimination written here, on generated
/// totals over up to 60 cells, 0/1 and any residues, with repeated and dependent totals: the
/// same rank and reduced rows, the same sets determined (by the span and by its witness),
/// representations that do make the sum, and a total essential exactly when leaving it out
/// lowers the rank.
@Suite struct ModularSpanTests {
  /// Reduced row echelon form of `vectors` modulo `p`, by dense elimination.
  static func reference(_ vectors: [[UInt64]], width: Int, _ p: UInt64) -> [[UInt64]] {
    var rows = vectors
    var rank = 0
    for column in 0..<width {
      guard let pick = (rank..<rows.count).first(where: { rows[$0][column] != 0 }) else { continue }
      rows.swapAt(rank, pick)
      let inverse = power(rows[rank][column], p - 2, p)
      rows[rank] = rows[rank].map { $0 * inverse % p }
      for r in rows.indices where r != rank && rows[r][column] != 0 {
        let f = rows[r][column]
        for j in 0..<width { rows[r][j] = (rows[r][j] + (p - f) * rows[rank][j] % p) % p }
      }
      rank += 1
    }
    return Array(rows.prefix(rank))
  }

  static func power(_ base: UInt64, _ exponent: UInt64, _ p: UInt64) -> UInt64 {
    var result: UInt64 = 1
    var b = base % p
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result = result * b % p }
      b = b * b % p
      e >>= 1
    }
    return result
  }

  @Test func sparseSpanAgreesWithDenseElimination() {
    var rng = SplitMix64(seed: 20_261_202)
    for trial in 0..<400 {
      let p = OverlapRule.primes[trial % 2]
      let width = Int.random(in: 0...60, using: &rng)
      let count = Int.random(in: 0...40, using: &rng)
      let residues = trial % 3 == 0
      var vectors: [[UInt64]] = []
      for _ in 0..<count {
        let density = Int.random(in: 1...8, using: &rng)
        var v = (0..<width).map { _ -> UInt64 in
          guard Int.random(in: 0..<density, using: &rng) == 0 else { return 0 }
          return residues ? UInt64.random(in: 1..<p, using: &rng) : 1
        }
        // Some totals repeat or add up others (dependencies).
        if !vectors.isEmpty, Int.random(in: 0..<4, using: &rng) == 0 {
          let a = vectors.randomElement(using: &rng)!
          let b = vectors.randomElement(using: &rng)!
          v = Bool.random(using: &rng) ? a : zip(a, b).map { ($0 + $1) % p }
        }
        vectors.append(v)
      }
      var span = ModularSpan(width: width, prime: p, totals: count)
      for (t, v) in vectors.enumerated() { span.add(vector: v, total: t) }
      let expected = Self.reference(vectors, width: width, p)
      #expect(span.rank == expected.count)
      #expect(span.canonicalRows == expected, "trial \(trial)")
      let witness = span.witness()
      // A total is needed when leaving it out lowers the rank.
      let needed = vectors.indices.map { t in
        var others = vectors
        others.remove(at: t)
        return Self.reference(others, width: width, p).count < expected.count
      }
      for _ in 0..<30 {
        var cells = (0..<width).filter { _ in Int.random(in: 0..<6, using: &rng) == 0 }
        // Often a union of totals' cells (0/1 totals), so that some sets are determined.
        if !residues, !vectors.isEmpty, Bool.random(using: &rng) {
          let v = vectors.randomElement(using: &rng)!
          cells = (0..<width).filter { v[$0] != 0 }
        }
        var indicator = [UInt64](repeating: 0, count: width)
        for c in cells { indicator[c] = 1 }
        let inSpan = Self.reference(expected + [indicator], width: width, p).count == expected.count
        #expect(span.determines(cells: cells) == inSpan, "trial \(trial) cells \(cells)")
        #expect(witness.determines(cells) == inSpan, "trial \(trial) cells \(cells)")
        guard let way = span.representation(of: cells) else {
          #expect(!inSpan)
          continue
        }
        // The way makes the sum: Σ way[t] · total t is the indicator.
        var made = [UInt64](repeating: 0, count: width)
        for (t, v) in vectors.enumerated() where way[t] != 0 { for j in 0..<width { made[j] = (made[j] + way[t] * v[j] % p) % p } }
        #expect(made == indicator, "trial \(trial) cells \(cells)")
        for t in vectors.indices {
          #expect(span.isEssential(t, in: way) == (way[t] != 0 && needed[t]), "trial \(trial) total \(t)")
        }
      }
    }
  }
}
