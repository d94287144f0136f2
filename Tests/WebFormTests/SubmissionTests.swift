import SurveyModel
import Testing

@testable import WebForm

@Suite struct SubmissionTests {
  static let items = [
    FormItem(item: Item(id: "sv1", text: "A", dimension: "d"), scale: Scale(min: 1, max: 5)),
    FormItem(item: Item(id: "q.2", text: "B", dimension: "d"), scale: Scale(min: 0, max: 10)),
  ]

  @Test func readsTheTicketAndAnswers() throws {
    let submission = try Submission.parse("ticket=abc-_1&a.sv1=4&a.q.2=10&other=x", items: Self.items)
    #expect(submission == Submission(ticket: "abc-_1", answers: ["sv1": 4, "q.2": 10]))
  }

  @Test func decodesPercentEscapes() throws {
    let submission = try Submission.parse("a%2Esv1=3&ticket=a%2Bb+c", items: Self.items)
    #expect(submission.ticket == "a+b c")
    #expect(submission.answers == ["sv1": 3])
  }

  @Test(arguments: ["a.sv1=6", "a.sv1=x", "a.unknown=1", "a.sv1=2.5"])
  func refusesAnswersThatAreNotChoices(body: String) {
    #expect(throws: Submission.Problem.self) { try Submission.parse(body, items: Self.items) }
  }

  @Test func escapesEverythingItShows() {
    #expect(HTMLPage.escape("<script>alert('x') & \"y\"</script>") == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
    let page = FormPages.form(survey: FormSurvey(title: "<b>T</b>", items: Self.items, minGroupSize: 5), team: "R&D", ticket: "t")
    #expect(page.html.contains("Team: <strong>R&amp;D</strong>"))
    #expect(!page.html.contains("<b>T</b>"))
    #expect(page.html.contains("name=\"a.sv1\" value=\"5\""))
    #expect(!page.html.contains("<script"))
  }
}

@Suite struct UnscoredSubmissionTests {
  static let items = [
    FormItem(item: Item(id: "sv1", text: "A", dimension: "d"), scale: Scale(min: 1, max: 5)),
    FormItem(
      item: Item(
        id: "formats", text: "F", dimension: "",
        options: [.init(id: "w", label: "Workshops", score: 0), .init(id: "m", label: "Mentoring", score: 0)], kind: .multi),
      scale: Scale(min: 1, max: 5)),
    FormItem(item: Item(id: "wish", text: "W", dimension: "", kind: .text), scale: Scale(min: 1, max: 5)),
  ]

  @Test func ticksAndCommentsAreRead() throws {
    let s = try Submission.parse("ticket=t&m.formats=0&m.formats=1&c.wish=More+time%2C+please%0D%0Anow&a.sv1=2", items: Self.items)
    #expect(s.answers == ["sv1": 2, "formats": 3])
    #expect(s.comments == ["wish": "More time, please\nnow"])
    #expect(s.answeredCount == 3)
    #expect(try Submission.parse("c.wish=+++", items: Self.items).comments.isEmpty)
  }

  @Test(arguments: ["m.formats=2", "m.formats=x", "a.formats=1", "c.sv1=hi", "m.wish=0", "c.wish=a&c.wish=b"])
  func anythingElseIsRefused(body: String) {
    #expect(throws: Submission.Problem.self) { try Submission.parse(body, items: Self.items) }
  }

  @Test func theFormShowsCheckboxesAndATextArea() {
    let page = FormPages.form(survey: FormSurvey(title: "T", items: Self.items, minGroupSize: 5), team: "A", ticket: "t").body
    #expect(page.contains("<input type=\"checkbox\" name=\"m.formats\" value=\"1\"> Mentoring"))
    #expect(page.contains("<textarea name=\"c.wish\""))
  }

  @Test func aCommentLongerThanTheLimitIsRefused() {
    let body = "c.wish=" + String(repeating: "a", count: FormItem.maximumCommentLength + 1)
    #expect(throws: Submission.Problem.self) { try Submission.parse(body, items: Self.items) }
  }
}

/// The optional questions on respondent attributes: read by value index, checked against the
/// attribute's values, shown with their privacy note unless the invitation sets them.
@Suite struct AttributeSubmissionTests {
  static let location = Attribute(name: "location", values: ["Berlin", "Lisbon", "R&D <lab>"])
  static let tenure = Attribute.banded(name: "tenure", limits: [1, 3])

  @Test func valuesAreReadByIndexAndAnEmptyOneIsNotGiven() throws {
    let s = try Submission.parse("ticket=t&a.sv1=4&p.location=2&p.tenure=", items: SubmissionTests.items, attributes: [Self.location, Self.tenure])
    #expect(s.attributes == ["location": "R&D <lab>"])
    #expect(s.answeredCount == 1)
    #expect(try Submission.parse("p.location=0", items: SubmissionTests.items, attributes: [Self.location]).answeredCount == 0)
  }

  @Test(arguments: ["p.location=3", "p.location=-1", "p.location=Berlin", "p.location=1.0", "p.unknown=0", "p.location=0&p.location=1"])
  func anythingElseIsRefused(body: String) {
    #expect(throws: Submission.Problem.self) { try Submission.parse(body, items: SubmissionTests.items, attributes: [Self.location]) }
  }

  @Test func theFormAsksWhatTheInvitationDoesNotSetInEveryLanguage() {
    var survey = FormSurvey(title: "T", items: SubmissionTests.items, minGroupSize: 7)
    survey.attributes = [Self.location, Self.tenure]
    let page = FormPages.form(survey: survey, team: "A", ticket: "t", invited: ["tenure": "3+"]).html
    #expect(page.contains("<legend>About you (optional)</legend>"))
    #expect(page.contains("at least 7 people"))
    #expect(page.contains("<option value=\"2\">R&amp;D &lt;lab&gt;</option>"))
    #expect(page.contains("tenure: 3+ (set by your invitation)"))
    #expect(!page.contains("name=\"p.tenure\""))
    for language in ["de", "fr", "es"] {
      let version = FormSurvey.Version(language: language, title: "T", items: SubmissionTests.items)
      var translated = FormSurvey(versions: [version], minGroupSize: 7)
      translated.attributes = [Self.location]
      let html = FormPages.form(survey: translated, team: "A", ticket: "t", language: language).html
      #expect(!html.contains("About you"), "\(language)")
      #expect(html.contains("7"), "\(language)")
    }
    // No attributes: no such section.
    #expect(
      !FormPages.form(survey: FormSurvey(title: "T", items: SubmissionTests.items, minGroupSize: 5), team: "A", ticket: "t").html.contains(
        "about-you"))
  }
}
