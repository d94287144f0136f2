import Statistics
import Testing

@testable import Privacy

/// ``SmallSetSearch`` (meet in the middle over halves held flat) against brute force: on random
/// spans over a few cells, it finds a determined set behind fewer than `k` respondents exactly
/// when one exists, and what it finds is one. The brute force lists every set of small cells.
@Suite struct SmallSetSearchTests {
  /// Every set of cells behind fewer than `k` respondents whose sum the span determines.
  static func bruteForce(_ counts: [Int], _ k: Int, _ witness: ModularSpan.Witness) -> [[Int]] {
    let small = counts.indices.filter { counts[$0] < k }
    var found: [[Int]] = []
    for mask in 1..<(1 << small.count) {
      let cells = small.indices.filter { mask & (1 << $0) != 0 }.map { small[$0] }
      if cells.reduce(0, { $0 + counts[$1] }) < k, witness.determines(cells) { found.append(cells) }
    }
    return found
  }

  @Test func findsASmallDeterminedSetExactlyWhenOneExists() {
    var rng = SplitMix64(seed: 20_261_130)
    var withLeak = 0
    for _ in 0..<2_000 {
      let width = Int.random(in: 1...9, using: &rng)
      let k = Int.random(in: 3...7, using: &rng)
      let counts = (0..<width).map { _ in Bool.random(using: &rng) ? Int.random(in: 1...3, using: &rng) : Int.random(in: 1...12, using: &rng) }
      var span = ModularSpan(width: width, prime: OverlapRule.primes[0])
      for _ in 0..<Int.random(in: 0...width, using: &rng) {
        let cells = (0..<width).filter { _ in Int.random(in: 0..<3, using: &rng) == 0 }
        if !cells.isEmpty { span.add(cells: cells) }
      }
      let witness = span.witness()
      let expected = Self.bruteForce(counts, k, witness)
      let result = SmallSetSearch(counts: counts, k: k, witness: witness, budget: 1_000_000).run()
      switch result {
      case .found(let cells):
        withLeak += 1
        #expect(!expected.isEmpty)
        #expect(cells.reduce(0) { $0 + counts[$1] } < k, "found \(cells) behind \(k) or more")
        #expect(witness.determines(cells), "found \(cells), not determined")
        #expect(Set(cells).count == cells.count)
      case .none: #expect(expected.isEmpty, "missed \(expected.prefix(3)) (counts \(counts), k \(k))")
      case .overBudget: Issue.record("over budget on \(width) cells")
      }
    }
    // Not vacuous: many of the problems leak.
    #expect(withLeak >= 200, "only \(withLeak) of 2,000 problems had a small determined set")
  }

  /// The bound that sends large problems to the blocks without making their cells never
  /// exceeds the cells: on random trees of nested groups.
  @Test func disjointLowerBoundNeverExceedsTheCells() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<500 {
      let atoms = Int.random(in: 1...30, using: &rng)
      var groups = [OverlapRule.Group(name: "org", atoms: Array(0..<atoms), fixed: false, nested: true)]
      var stack = [0]
      while let g = stack.popLast(), groups.count < 40 {
        let members = groups[g].atoms.list
        guard members.count > 1 else { continue }
        let parts = Int.random(in: 1...3, using: &rng)
        let cut = members.shuffled(using: &rng)
        for p in 0..<parts {
          let part = cut.indices.filter { $0 % parts == p }.map { cut[$0] }.sorted()
          guard !part.isEmpty else { continue }
          groups.append(.init(name: "g\(groups.count)", atoms: part, fixed: false, nested: true, parent: g))
          stack.append(groups.count - 1)
        }
      }
      let counts = (0..<atoms).map { _ in Int.random(in: 0...3, using: &rng) }
      let published = groups.indices.filter { g in Bool.random(using: &rng) && groups[g].atoms.contains { counts[$0] > 0 } }
      let partition = Partition(groups: .init(groups), published: published, counts: counts, atomCount: atoms)
      #expect(OverlapRule.disjointLowerBound(.init(groups), published) <= partition.cellCounts.count)
    }
  }
}
