import Statistics
import SurveyModel
import Testing

/// The one neutralisation rule of text cells (``SafeText/spreadsheetCell(_:)`` and its reading
/// ``SafeText/spreadsheetValue(_:)``): what is written never starts a formula, and what is
/// read back is the text written, for any text.
@Suite struct SpreadsheetCellRoundTripTests {
  /// Characters that matter to the rule, and some that do not.
  static let alphabet: [Character] = ["'", "'", "=", "+", "-", "@", "\t", "\r", "a", " ", "é", "\"", ",", "1", "\n"]

  static func text(_ rng: inout SplitMix64) -> String {
    String((0..<Int(rng.next() % 7)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
  }

  @Test func writingThenReadingGivesEveryTextBack() {
    let seeds: [UInt64] = [20_261_130, UInt64.random(in: 1...UInt64.max)]
    for seed in seeds {
      var rng = SplitMix64(seed: seed)
      for _ in 0..<20_000 {
        let text = Self.text(&rng)
        let cell = SafeText.spreadsheetCell(text)
        #expect(SafeText.spreadsheetValue(cell) == text, "seed \(seed): \(text.debugDescription) → \(cell.debugDescription)")
        // Nothing written starts a formula: a cell starts with `'` or a harmless character.
        if let first = cell.unicodeScalars.first {
          #expect(!["=", "+", "-", "@", "\t", "\r"].contains(first), "seed \(seed): \(cell.debugDescription)")
        }
        // The byte reading (attribute cells) removes what the string reading removes.
        let mark = Array(cell.utf8).withUnsafeBufferPointer { SafeText.spreadsheetMarkLength($0) }
        #expect(mark == cell.utf8.count - SafeText.spreadsheetValue(cell).utf8.count)
      }
    }
  }

  /// The rule at its edges: one `'` more per write, exactly one less per read.
  @Test func theRuleAtItsEdges() {
    let cases: [(text: String, cell: String)] = [
      ("=x", "'=x"), ("'=x", "''=x"), ("''@y", "'''@y"), ("-1", "'-1"), ("\tTab", "'\tTab"), ("'plain", "'plain"), ("'", "'"),
      ("''", "''"), ("", ""), ("Ops", "Ops"), ("a=b", "a=b"), (" =x", " =x"),
    ]
    for (text, cell) in cases {
      #expect(SafeText.spreadsheetCell(text) == cell, "\(text.debugDescription)")
      #expect(SafeText.spreadsheetValue(cell) == text, "\(cell.debugDescription)")
    }
    // A cell a person typed with a spreadsheet's text mark reads as the text it marks.
    #expect(SafeText.spreadsheetValue("'=SUM(A1)") == "=SUM(A1)")
    #expect(SafeText.spreadsheetValue("'Plain") == "'Plain")
  }
}
