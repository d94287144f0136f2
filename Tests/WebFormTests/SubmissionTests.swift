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
