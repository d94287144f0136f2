import SurveyModel
import Testing

/// ``SideBySide/map(_:threads:_:)``, which the anonymity engine decides a round's blocks with:
/// the results come in index order whatever order the work finishes in, every index once.
@Suite struct SideBySideTests {
  @Test(arguments: [0, 1, 2, 3, 97]) func resultsComeInIndexOrder(count: Int) {
    for threads in [1, 2, 4] {
      // Uneven work: even indices take far longer, so later indices finish first.
      let results = SideBySide.map(count, threads: threads) { i -> (Int, Int) in
        var x = 0
        for k in 0..<(i % 2 == 0 ? 20_000 : 1) { x &+= k ^ i }
        return (i, x)
      }
      #expect(results.map(\.0) == Array(0..<count))
    }
  }
}
