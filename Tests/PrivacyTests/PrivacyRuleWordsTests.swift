import Privacy
import Reports
import Testing

/// The privacy rules as the reports state them (`RuleSentences`, in the reader's language) say in
/// English what the engine's own summaries (kept in the machine formats) say.
@Suite struct PrivacyRuleWordsTests {
  @Test(arguments: [3, 5, 10, 25]) func theReportsEnglishRuleIsTheEnginesSummary(_ size: Int) {
    #expect(RuleSentences().privacy(minGroupSize: size) == PrivacyPolicy(minGroupSize: size).summary)
    #expect(RuleSentences(language: "de").privacy(minGroupSize: size).contains("mindestens \(size) Befragte"))
  }

  @Test(arguments: [3, 5, 10, 25]) func theReportsCommentRuleIsThePolicysSummary(_ size: Int) throws {
    let policy = try CommentPolicy(numeric: PrivacyPolicy(minGroupSize: size), requested: nil)
    #expect(RuleSentences().comments(threshold: policy.threshold) == policy.summary)
  }
}
