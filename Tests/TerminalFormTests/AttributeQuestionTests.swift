import SurveyModel
import Testing

@testable import TerminalForm

/// A question on a respondent attribute in the terminal: one choice per declared value,
/// skippable ("prefer not to say"), with the privacy note under it in the screen's language.
@Suite struct AttributeQuestionTests {
  static let location = Attribute(name: "location", values: ["Berlin", "Lisbon", "Remote"])
  static let question = FormItem(attributeQuestion: location)

  @Test func theQuestionOffersEachValueAndNamesItsAttribute() {
    #expect(Self.question.choices.map(\.label) == ["Berlin", "Lisbon", "Remote"])
    #expect(Self.question.choices.map(\.value) == [0, 1, 2])
    #expect(Self.question.attributeName == "location")
    #expect(Self.question.text == "location")
    var asked = Self.location
    asked.question = "Where do you work?"
    #expect(FormItem(attributeQuestion: asked).text == "Where do you work?")
    let item = FormItem(item: Item(id: "location", text: "x", dimension: "d"), scale: Scale(min: 1, max: 5))
    #expect(item.attributeName == nil, "an item named like an attribute is not an attribute question")
  }

  @Test func skippingLeavesItNotGiven() {
    var sheet = AnswerSheet(items: [Self.question])
    sheet.handle(.character("s"))
    #expect(sheet.phase == .review)
    #expect(sheet.answersByItem.isEmpty)
    sheet.handle(.left)
    sheet.handle(.character("3"))
    #expect(sheet.answersByItem == [Self.question.id: 2])
  }

  @Test(arguments: [("en", "at least 6 people"), ("de", "mindestens 6 Personen"), ("fr", "au moins 6 personnes"), ("es", "al menos 6 personas")])
  func theScreenShowsThePrivacyNote(language: String, words: String) {
    let screen = Screen(title: "T", team: "A", width: 200, language: language, minGroupSize: 6)
    let text = screen.lines(AnswerSheet(items: [Self.question])).joined(separator: " ")
    #expect(text.contains(words), "\(text)")
  }
}
