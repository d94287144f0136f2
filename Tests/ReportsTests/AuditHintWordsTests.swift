import Foundation
import SurveyModel
import Testing

@testable import Reports

/// The privacy audit's "would be shown …" hints: data from the engine, words from the message
/// files, so they follow `--lang`; JSON keeps the English sentence and adds the hint's fields.
@Suite struct AuditHintWordsTests {
  /// One hint of every kind (and both numbers: 1 and many).
  static let hints: [AuditHint] = [
    .moreRespondents(more: 2, answering: nil), .moreRespondents(more: 1, answering: nil),
    .moreRespondents(more: 3, answering: "growth"), .moreRespondents(more: 1, answering: "growth"),
    .remainder(of: "(all teams)", point: nil, threshold: 5, more: 2), .remainder(of: "Platform", point: "growth", threshold: 7, more: 1),
    .unshownPart(of: "Europe", point: nil, threshold: 5, more: 4), .unshownPart(of: "Europe", point: "growth", threshold: 5, more: 4),
    .overlap(protects: .numberOf("Berlin"), point: nil), .overlap(protects: .respondents(3), point: "growth"),
    .overlap(protects: .respondents(1), point: nil), .tooMany(point: nil), .tooMany(point: "growth"),
  ]

  /// The English sentences are those the engine used to write (the JSON `would_show` field).
  @Test func englishIsTheSentenceTheAuditAlwaysHad() {
    let w = ReportWords(nil)
    let said = Self.hints.map { w.wouldShow($0, group: "Legal") }
    #expect(
      said == [
        "would be shown with 2 more respondents in Legal", "would be shown with 1 more respondent in Legal",
        "would be shown with 3 more respondents answering growth in Legal", "would be shown with 1 more respondent answering growth in Legal",
        "would be shown when the withheld remainder of (all teams) on each number reaches 5 respondents (2 more)",
        "would be shown when the withheld remainder of Platform on growth reaches 7 respondents (1 more)",
        "would be shown when the part of Europe not shown on its own on each number reaches 5 respondents (4 more)",
        "would be shown when the part of Europe not shown on its own on growth reaches 5 respondents (4 more)",
        "would be shown when combining published groups could no longer recover the withheld number of Berlin on each number",
        "would be shown when combining published groups could no longer recover 3 respondents that combining overlapping groups would isolate on growth",
        "would be shown when combining published groups could no longer recover 1 respondent that combining overlapping groups would isolate on each number",
        "would be shown in a run with fewer overlapping groups (too many to decide exactly on each number)",
        "would be shown in a run with fewer overlapping groups (too many to decide exactly on growth)",
      ])
  }

  /// In German, French and Spanish no hint keeps an English word, every number and name is
  /// in it, no placeholder is left, and the organisation is named in that language.
  @Test func everyHintIsInTheReadersLanguage() {
    let english = ["would", "shown", "respondent", "remainder", "withheld", "combining", "overlapping", "number", "more", "each", "{"]
    for language in ["de", "fr", "es"] {
      let w = ReportWords(language)
      for hint in Self.hints {
        let text = w.wouldShow(hint, group: "Legal")
        for word in english { #expect(!text.contains(word), "\(language): '\(word)' in \(text)") }
        #expect(!text.contains("(all teams)"), "\(language): \(text)")
        switch hint {
        case .moreRespondents(let more, let point):
          #expect(text.contains(String(more)) && text.contains("Legal") && (point.map(text.contains) ?? true), "\(language): \(text)")
        case .remainder(let of, _, let size, let more), .unshownPart(let of, _, let size, let more):
          #expect(text.contains(String(size)) && text.contains(String(more)), "\(language): \(text)")
          #expect(text.contains(of == "(all teams)" ? w("all-teams") : of), "\(language): \(text)")
        case .overlap(.numberOf(let name), _): #expect(text.contains(name), "\(language): \(text)")
        case .overlap(.respondents(let n), _): #expect(text.contains(String(n)), "\(language): \(text)")
        case .tooMany: break
        }
      }
    }
  }

  /// A privacy summary with one entry per hint, as the audit's lines and as JSON.
  static var summary: PrivacySummary {
    PrivacySummary(
      minGroupSize: 5, rule: "rule", suppressed: [],
      audit: hints.enumerated().map { i, hint in
        AuditEntry(cut: "team", group: "T\(i)", dataPoint: i % 2 == 0 ? nil : "growth", rule: .complementary, threshold: 5, n: 6, wouldShow: hint)
      })
  }

  @Test func theAuditLinesFollowTheLanguage() {
    let german = PrivacyAuditReport.lines(Self.summary, words: ReportWords("de"))
    #expect(german.count == Self.hints.count + 1)
    #expect(german.allSatisfy { !$0.contains("would be shown") })
    #expect(german[1].hasSuffix("; würde mit 2 weiteren Befragten in T0 gezeigt"), "\(german[1])")
    let english = PrivacyAuditReport.lines(Self.summary)
    #expect(english[1].hasSuffix("; would be shown with 2 more respondents in T0"))
    // --privacy-report FILE (text) in the report's language, waves labelled in it too.
    let file = PrivacyAuditReport.render([("2026-spring", Self.summary)], json: false, language: "fr")
    #expect(file.hasPrefix("Vague 2026-spring :\n"))
    #expect(file.contains("; serait affiché avec 2 répondants de plus dans T0\n"))
  }

  /// JSON keeps `would_show` (the English sentence) and adds `would_show_when`: the kind and
  /// its numbers, whatever the report's language.
  @Test func theJSONCarriesTheHintAsFields() throws {
    let text = PrivacyAuditReport.render([(nil, Self.summary)], json: true)
    let withheld = try #require((try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["withheld"] as? [[String: Any]])
    #expect(withheld.count == Self.hints.count)
    #expect(withheld[0]["would_show"] as? String == "would be shown with 2 more respondents in T0")
    let kinds = withheld.compactMap { ($0["would_show_when"] as? [String: Any])?["kind"] as? String }
    #expect(
      kinds == [
        "more_respondents", "more_respondents", "more_respondents", "more_respondents", "remainder", "remainder", "unshown_part",
        "unshown_part", "overlap", "overlap", "overlap", "too_many_groups", "too_many_groups",
      ])
    let remainder = try #require(withheld[5]["would_show_when"] as? [String: Any])
    #expect(remainder["of_group"] as? String == "Platform")
    #expect(remainder["data_point"] as? String == "growth")
    #expect(remainder["threshold"] as? Double == 7 && remainder["respondents"] as? Double == 1)
    let overlap = try #require(withheld[9]["would_show_when"] as? [String: Any])
    #expect(overlap["protects_respondents"] as? Double == 3 && overlap["protects_group"] is NSNull)
  }

  /// Names in a hint pass through the same escaping as the entry's own names.
  @Test func hintNamesAreMadeSafeForTheTerminal() {
    let summary = PrivacySummary(
      minGroupSize: 5, rule: "rule", suppressed: [],
      audit: [
        AuditEntry(
          cut: "team", group: "Ops", dataPoint: nil, rule: .overlapping, threshold: 5, n: 6,
          wouldShow: .overlap(protects: .numberOf("Evil\u{1B}[2J"), point: nil))
      ])
    let text = PrivacyAuditReport.render([(nil, summary)], json: false)
    #expect(!text.contains("\u{1B}"))
  }
}
