import Privacy
import Reports
import Testing

/// The privacy rule as the reports state it (`RuleSentences`, in the reader's language) says in
/// English what the engine's own summary (kept in the machine formats) says.
@Suite struct PrivacyRuleWordsTests {
  @Test(arguments: [3, 5, 10, 25]) func theReportsEnglishRuleIsTheEnginesSummary(_ size: Int) {
    #expect(RuleSentences().privacy(minGroupSize: size) == PrivacyPolicy(minGroupSize: size).summary)
    #expect(RuleSentences(language: "de").privacy(minGroupSize: size).contains("mindestens \(size) Befragte"))
  }
}
