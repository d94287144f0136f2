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

/// Escape sequences of any length are read to their end: none of their bytes becomes a key.
@Suite struct KeyDecoderTests {
  /// A random escape sequence that is not a key (or an arrow, with its key).
  static func sequence(_ random: inout some RandomNumberGenerator) -> ([UInt8], Key?) {
    let length = Int.random(in: 0...300, using: &random)
    switch Int.random(in: 0..<5, using: &random) {
    case 0:  // CSI with many parameters (digits and ';') and a final byte
      let params = (0..<length).map { _ in UInt8.random(in: 0x30...0x3F, using: &random) }
      let final = UInt8.random(in: 0x40...0x7E, using: &random)
      let key: Key? = [0x41: .up, 0x42: .down, 0x43: .right, 0x44: .left][final]
      return ([0x1B, 0x5B] + params + [final], key)
    case 1:  // OSC ended by BEL, with digits inside
      return ([0x1B, 0x5D] + (0..<length).map { _ in UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &random) } + [0x07], nil)
    case 2:  // DCS ended by ESC backslash
      return ([0x1B, 0x50] + (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }.filter { $0 != 0x1B } + [0x1B, 0x5C], nil)
    case 3:  // bracketed-paste style markers: ESC [ 2 0 0 ~
      return (Array("\u{1B}[200~".utf8), nil)
    default:  // SS3 arrow
      return ([0x1B, 0x4F, 0x41], .up)
    }
  }

  @Test func sequencesOfAnyLengthNeverBecomeAnswers() {
    var random = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      var decoder = KeyDecoder()
      var bytes: [UInt8] = []
      var expected: [Key] = []
      for _ in 0..<Int.random(in: 1...8, using: &random) {
        if Bool.random(using: &random) {
          let digit = UInt8(ascii: "1") + UInt8.random(in: 0...4, using: &random)
          bytes.append(digit)
          expected.append(.character(Character(Unicode.Scalar(digit))))
        } else {
          let (sequence, key) = Self.sequence(&random)
          bytes += sequence
          if let key { expected.append(key) }
        }
      }
      let keys = bytes.compactMap { decoder.feed($0) }
      #expect(keys == expected, "\(bytes)")
      #expect(!decoder.isInSequence)
    }
  }

  @Test func aNineByteSequenceIsNotAnAnswer() {
    var decoder = KeyDecoder()
    // ESC [ 1 ; 2 3 4 5 6 7 u: over eight bytes, all of it one key press.
    let keys = Array("\u{1B}[1;234567u5".utf8).compactMap { decoder.feed($0) }
    #expect(keys == [.character("5")])
  }

  @Test func ctrlCWorksInsideASequenceAndALoneEscapeIsEscape() {
    var decoder = KeyDecoder()
    #expect(Array("\u{1B}[12".utf8).compactMap { decoder.feed($0) }.isEmpty)
    #expect(decoder.feed(0x03) == .interrupt)
    _ = decoder.feed(0x1B)
    #expect(decoder.flush() == .escape)
    _ = Array("\u{1B}[1".utf8).map { decoder.feed($0) }
    #expect(decoder.flush() == nil)
    #expect(decoder.feed(UInt8(ascii: "2")) == nil, "a cut-off sequence goes on eating its bytes")
    #expect(decoder.flush(abandon: true) == nil)
    #expect(decoder.feed(UInt8(ascii: "2")) == .character("2"))
  }
}

@Suite struct UnscoredAnswerSheetTests {
  static let scale = Scale(min: 1, max: 5)
  static let items = [
    FormItem(item: Item(id: "q1", text: "Q", dimension: "d"), scale: scale),
    FormItem(
      item: Item(
        id: "formats", text: "F", dimension: "",
        options: [
          .init(id: "w", label: "Workshops", score: 0), .init(id: "m", label: "Mentoring", score: 0), .init(id: "e", label: "E-learning", score: 0),
        ], kind: .multi), scale: scale),
    FormItem(item: Item(id: "wish", text: "W", dimension: "", kind: .text), scale: scale),
  ]

  func sheet(_ keys: [Key]) -> AnswerSheet {
    var sheet = AnswerSheet(items: Self.items)
    for key in keys { sheet.handle(key) }
    return sheet
  }

  func typed(_ text: String) -> [Key] { text.map { Key.character($0) } }

  @Test func digitsTickAndUntickAndEnterGoesOn() {
    let s = sheet(
      [.character("4"), .character("1"), .character("3"), .character("1"), .down, .character(" "), .enter] + typed("bq s, ü!") + [.backspace, .enter])
    #expect(s.phase == .review)
    #expect(s.answersByItem == ["q1": 4, "formats": 6])
    #expect(s.commentsByItem == ["wish": "bq s, ü"])
    #expect(s.answeredCount == 3)
  }

  @Test func lettersAreTypedInACommentAndEscapeAsksToQuit() {
    var s = sheet([.right, .right] + typed("q"))
    #expect(s.phase == .answering && s.comments[2] == "q")
    s.handle(.escape)
    #expect(s.phase == .confirmingQuit)
  }

  @Test func nothingTickedAndABlankCommentAreNoAnswer() {
    let s = sheet([.right, .character("2"), .character("2"), .enter, .character(" "), .character(" "), .enter])
    #expect(s.answersByItem.isEmpty && s.commentsByItem.isEmpty && s.answeredCount == 0)
  }

  @Test func utf8KeysMakeCharacters() {
    var decoder = KeyDecoder()
    let keys = Array("ü€😀a".utf8).compactMap { decoder.feed($0) }
    #expect(keys == [.character("ü"), .character("€"), .character("😀"), .character("a")])
    // A cut-off character is dropped and the next byte still counts.
    var cut = KeyDecoder()
    #expect([0xC3, 0x61].compactMap { cut.feed($0) } == [.character("a")])
  }
}
