import SurveyModel
import Testing

/// One helper for counts: "1 item", never "1 items".
@Suite struct CountedTests {
  @Test(arguments: [
    (1, "item", "1 item"), (2, "item", "2 items"), (0, "item", "0 items"), (1, "row read", "1 row read"),
    (3, "row read", "3 rows read"), (1, "duplicate skipped", "1 duplicate skipped"), (5, "duplicate skipped", "5 duplicates skipped"),
  ])
  func phrases(_ n: Int, _ noun: String, _ expected: String) {
    #expect(Counted.phrase(n, noun) == expected)
  }

  @Test func rowsAndIrregularPlurals() {
    #expect(Counted.rows(read: 1, used: 1, rejected: 0) == "1 row read, 1 used, 0 rejected")
    #expect(Counted.phrase(2, "person", plural: "people") == "2 people")
  }
}
