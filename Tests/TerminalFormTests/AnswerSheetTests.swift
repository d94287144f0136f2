import SurveyModel
import Testing

@testable import TerminalForm

@Suite struct AnswerSheetTests {
  static let scale = Scale(min: 1, max: 5, labels: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"])
  static let items = (1...3).map { FormItem(item: Item(id: "q\($0)", text: "Question \($0)", dimension: "d"), scale: scale) }

  func sheet(_ keys: [Key]) -> AnswerSheet {
    var sheet = AnswerSheet(items: Self.items)
    for key in keys { sheet.handle(key) }
    return sheet
  }

  @Test func digitsAnswerAndMoveOn() {
    let s = sheet([.character("4"), .character("1"), .character("5")])
    #expect(s.phase == .review)
    #expect(s.answersByItem == ["q1": 4, "q2": 1, "q3": 5])
  }

  @Test func backShowsThePreviousAnswerAndSkipLeavesItOut() {
    var s = sheet([.character("4"), .left])
    #expect(s.position == 0)
    #expect(s.highlight == 3)
    s.handle(.character("s"))
    s.handle(.right)
    s.handle(.enter)  // the middle choice
    #expect(s.answersByItem == ["q1": 4, "q3": 3])
    s.handle(.character("y"))
    #expect(s.phase == .confirmed)
  }

  @Test func arrowsMoveTheHighlightWithinTheScale() {
    let s = sheet([.up, .up, .up, .up, .enter])
    #expect(s.answersByItem == ["q1": 1])
  }

  @Test func quittingAsksFirstAndInterruptLeavesAtOnce() {
    var s = sheet([.character("q")])
    #expect(s.phase == .confirmingQuit)
    s.handle(.character("n"))
    #expect(s.phase == .answering)
    s.handle(.interrupt)
    #expect(s.phase == .cancelled)
  }

  @Test func outOfRangeDigitsAreIgnored() {
    let s = sheet([.character("9"), .character("0")])
    #expect(s.position == 0)
    #expect(s.answersByItem.isEmpty)
  }

  @Test func elevenPointScalesArePickedWithArrowsOnly() {
    let nps = FormItem(item: Item(id: "e", text: "Recommend?", dimension: "d"), scale: Scale(min: 0, max: 10))
    var s = AnswerSheet(items: [nps])
    #expect(!s.digitsPick)
    s.handle(.character("7"))
    #expect(s.position == 0)
    s.handle(.down)
    s.handle(.enter)
    #expect(s.answersByItem == ["e": 6])
  }

  @Test func keyDecoderReadsArrowsAndControlKeys() {
    var decoder = KeyDecoder()
    let bytes: [UInt8] = [0x1B, 0x5B, 0x41, 0x1B, 0x4F, 0x44, 0x0D, 0x7F, 0x03, 0x34]
    let keys = bytes.compactMap { decoder.feed($0) }
    #expect(keys == [.up, .left, .enter, .backspace, .interrupt, .character("4")])
    _ = decoder.feed(0x1B)
    #expect(decoder.flush() == .escape)
  }

  @Test func screenWrapsLongTextsAndMarksTheAnswer() {
    let s = sheet([.character("2"), .left])
    let lines = Screen(title: "T", team: "Sales", width: 40).lines(s)
    #expect(lines.contains("> 2 Disagree  (your answer)"))
    #expect(lines.contains("Item 1 of 3"))
    #expect(Screen(title: "T", team: "X", width: 40).wrap(String(repeating: "word ", count: 20)).allSatisfy { $0.count <= 36 })
  }
}
