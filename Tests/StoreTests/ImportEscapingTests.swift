import Foundation
import SurveyModel
import TestSupport
import Testing

@testable import Store

/// What an import stores comes back unchanged, whatever the text: PostgreSQL's imports travel
/// in COPY's text format, where tabs, newlines, carriage returns and backslashes are escaped.
@Suite struct ImportEscapingTests {
  /// Generated awkward texts: every character COPY escapes, in every position, with
  /// look-alikes of its escapes, multi-byte characters, and odd values.
  static func awkwardTexts(count: Int) -> [String] {
    let pieces = ["\t", "\n", "\r", "\\", "\\t", "\\n", "\\x41", "\\\\", "\\N", "ä", "✓", "𝔘", " ", "a", "Team", ",", "\"", "'", "\u{7F}", "\u{1}"]
    var seed: UInt64 = 20_261_130
    return (0..<count).map { n in
      var text = ""
      for _ in 0..<(1 + n % 7) {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text += pieces[Int(seed >> 33) % pieces.count]
      }
      return "x" + text  // a team or comment is never empty or blank
    }
  }

  @Test(arguments: Backend.underTest) func awkwardTeamsCommentsAndValuesComeBackUnchanged(_ backend: Backend) throws {
    let (store, _) = try temporaryStore(backend)
    let texts = Self.awkwardTexts(count: 5000)
    let values: [Double] = [1, 2.5, -0.5, 1e-7, 123_456_789.125, 0.1 + 0.2, 3]
    let counts = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session -> (Int, ImportCounts) in
      for (n, text) in texts.enumerated() {
        // Every 10th row repeats the key of the row before it (a duplicate within the batch).
        let key = n % 10 == 9 ? "k\(n - 1)" : "k\(n)"
        try session.add(
          team: text, itemIDs: ["a", "b"], values: [values[n % values.count], n % 3 == 0 ? .nan : Double(n % 5)], sourceKey: key,
          comments: [("wish", text + "\n…")])
      }
      return (0, ImportCounts())
    }.1
    #expect(counts.imported == 4500 && counts.duplicates == 500)
    let wave = try store.wave("w", survey: "s")
    // Teams and values, through the scoring reader.
    let source = try store.responses(of: wave, itemIDs: ["a", "b"])
    var teams: [String: Int] = [:]
    var seen: [String: Set<Double>] = [:]
    while let outcome = try source.next() {
      guard case .row(let row) = outcome else { continue }
      teams[row.team, default: 0] += 1
      seen[row.team, default: []].insert(row.values[0])
    }
    let kept = texts.enumerated().filter { $0.offset % 10 != 9 }
    #expect(teams == Dictionary(kept.map { ($0.element, 1) }, uniquingKeysWith: +))
    for (n, text) in kept { #expect(seen[text]?.contains(values[n % values.count]) == true, "row \(n)") }
    // Comments, through the unscored reader.
    let comments = try store.unscoredAnswers(of: wave, comments: ["wish"], multis: []).compactMap { $0.comments[0] }
    #expect(comments.sorted() == kept.map { $0.element + "\n…" }.sorted())
  }
}
