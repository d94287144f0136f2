import Statistics
import SurveyModel
import Testing

/// The one trimming helper (`SurveyModel/Trimming.swift`) on generated text: what it removes
/// is only trimmed characters, at the ends only, and what it keeps starts and ends with a
/// kept character.
@Suite struct TrimmingTests {
  static let alphabet: [Character] = [" ", "\t", "\u{A0}", "-", "a", "é", "👍🏽", "\r\n", ","]

  @Test func trimmingRemovesOnlyTheMatchedEndsOfGeneratedText() {
    var rng = SplitMix64(seed: 20_261_130)
    let rules: [(Character) -> Bool] = [{ $0 == " " || $0 == "\t" }, { $0 == "-" }, { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }]
    for _ in 0..<5_000 {
      let text = String((0..<Int.random(in: 0...12, using: &rng)).map { _ in Self.alphabet.randomElement(using: &rng)! })
      for isTrimmed in rules {
        let both = text.trimming(isTrimmed)
        let end = text.trimmingEnd(isTrimmed)
        for kept in [both, end] where !kept.isEmpty { #expect(!isTrimmed(kept.last!), "\(text.debugDescription)") }
        if let first = both.first { #expect(!isTrimmed(first)) }
        // What is removed is made of trimmed characters only, and the rest stays in order.
        #expect(text.hasPrefix(end) && text.dropFirst(end.count).allSatisfy(isTrimmed), "\(text.debugDescription)")
        let lead = text.prefix { isTrimmed($0) }
        #expect(both.isEmpty ? text.allSatisfy(isTrimmed) : text.dropFirst(lead.count).hasPrefix(both), "\(text.debugDescription)")
        #expect(both == String(end.drop(while: isTrimmed)))
      }
      #expect(text.trimmingSpaces == text.trimming { $0 == " " || $0 == "\t" })
      #expect(Substring(text).trimmingSpaces == text.trimmingSpaces)
    }
  }
}
