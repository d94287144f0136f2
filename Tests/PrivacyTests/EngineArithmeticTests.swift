import Statistics
import Testing

@testable import Privacy

/// The exact check's building blocks against plain references on generated inputs: Barrett
/// reduction (``Modulus``) against `%`, and the cells a ``Partition`` refines group by group
/// against cells found by hashing each atom's list of published groups (the former way), with
/// the same numbering (by first atom) and the same counts.
@Suite struct EngineArithmeticTests {
  @Test func barrettReductionEqualsTheRemainder() {
    var rng = SplitMix64(seed: 20_261_201)
    for p in OverlapRule.primes + [2, 3, 65_521, 4_294_967_291] {
      let modulus = Modulus(p)
      let edges: [UInt64] = [0, 1, p - 1, p, p + 1, 2 * p, (p - 1) * (p - 1), UInt64.max, UInt64.max - 1, UInt64.max / p * p]
      for x in edges { #expect(modulus.reduce(x) == x % p, "\(x) mod \(p)") }
      for _ in 0..<20_000 {
        let x = UInt64.random(in: 0...UInt64.max, using: &rng)
        let a = UInt64.random(in: 0..<p, using: &rng)
        let b = UInt64.random(in: 0..<p, using: &rng)
        #expect(modulus.reduce(x) == x % p, "\(x) mod \(p)")
        #expect(modulus.reduce(a &* b) == a &* b % p, "\(a)·\(b) mod \(p)")
      }
    }
  }

  /// The cells as they were found before: one list of groups per atom, numbered by first atom.
  static func reference(_ groups: [OverlapRule.Group], _ published: [Int], _ counts: [Int]) -> (cellOf: [Int], cellCounts: [Int]) {
    var signature = [[Int]](repeating: [], count: counts.count)
    for g in published { for a in groups[g].atoms where counts[a] > 0 { signature[a].append(g) } }
    var index: [[Int]: Int] = [:]
    var cellOf = [Int](repeating: -1, count: counts.count)
    var cellCounts: [Int] = []
    for a in counts.indices where counts[a] > 0 {
      if index[signature[a]] == nil {
        index[signature[a]] = cellCounts.count
        cellCounts.append(0)
      }
      cellOf[a] = index[signature[a]]!
      cellCounts[cellOf[a]] += counts[a]
    }
    return (cellOf, cellCounts)
  }

  @Test func refinedCellsEqualCellsBySignature() {
    var rng = SplitMix64(seed: 13)
    for _ in 0..<3_000 {
      let atoms = Int.random(in: 0...40, using: &rng)
      // Atoms with nobody behind the data point (a known zero) are left out of every cell.
      let counts = (0..<atoms).map { _ in Int.random(in: 0..<4, using: &rng) == 0 ? 0 : Int.random(in: 1...9, using: &rng) }
      let groups = (0..<Int.random(in: 0...12, using: &rng)).map { g in
        let density = Int.random(in: 1...4, using: &rng)
        let members = (0..<atoms).filter { _ in Int.random(in: 0..<density, using: &rng) == 0 }
        return OverlapRule.Group(name: "g\(g)", atoms: members.shuffled(using: &rng), fixed: false, nested: false)
      }
      let published = groups.indices.filter { _ in Bool.random(using: &rng) }.shuffled(using: &rng)
      let partition = Partition(groups: .init(groups), published: published, counts: counts, atomCount: atoms)
      let expected = Self.reference(groups, published, counts)
      #expect(partition.cellOf == expected.cellOf, "\(groups.map(\.atoms.list)) published \(published) counts \(counts)")
      #expect(partition.cellCounts == expected.cellCounts)
    }
  }
}
