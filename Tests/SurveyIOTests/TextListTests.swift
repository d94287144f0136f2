import SurveyModel
import Testing

/// ``TextList`` and ``ListedText`` (the respondent ids of a batch) against the texts they were
/// given.
@Suite struct TextListTests {
  @Test func textsComeBackAsGiven() {
    let texts = ["", "a", "é", "x\u{301}", String(repeating: "long ", count: 40), "", "🙂 ok"]
    var list = TextList()
    for text in texts { list.append(text) }
    #expect(list.count == texts.count)
    for (i, text) in texts.enumerated() {
      #expect(list[i] == text)
      #expect(list.withUTF8(i) { Array($0) } == Array(text.utf8))
      #expect(ListedText(list, i).string == text)
    }
    #expect(ListedText("alone").string == "alone")
  }

  /// A text handed out keeps its list's bytes when the list is emptied and refilled.
  @Test func aListedTextOutlivesItsListsNextTexts() {
    var list = TextList()
    list.append("first")
    let kept = ListedText(list, 0)
    list.removeAll()
    list.append("second")
    #expect(kept.string == "first")
    #expect(list.count == 1 && list[0] == "second")
  }
}
