import SurveyModel
import Testing

@testable import WebForm

/// The web form in the respondent's language: chosen by the `lang` query or field, else by
/// `Accept-Language`, else the survey's default.
@Suite struct FormLanguageTests {
  static func version(_ language: String, _ title: String, _ text: String, _ labels: [String]) -> FormSurvey.Version {
    let scale = Scale(min: 1, max: 2, labels: labels)
    return FormSurvey.Version(language: language, title: title, items: [FormItem(item: Item(id: "q1", text: text, dimension: "d"), scale: scale)])
  }

  static let survey = FormSurvey(
    versions: [
      version("en", "Team check", "I have time to learn.", ["No", "Yes"]),
      version("de", "Teamcheck", "Ich habe Zeit zum Lernen.", ["Nein", "Ja"]),
    ], minGroupSize: 4)

  @Test func theLanguageIsTheQueryThenTheBrowsersThenTheDefault() {
    let s = Self.survey
    #expect(s.language(requested: nil, acceptLanguage: nil) == "en")
    #expect(s.language(requested: nil, acceptLanguage: "de-CH,de;q=0.9,en;q=0.8") == "de")
    #expect(s.language(requested: nil, acceptLanguage: "fr-FR, fr;q=0.9") == "en", "none offered: the default")
    #expect(s.language(requested: "en", acceptLanguage: "de") == "en", "the switch wins over the browser")
    #expect(s.language(requested: "DE", acceptLanguage: nil) == "de")
    #expect(s.language(requested: "xx", acceptLanguage: "de") == "de", "an unknown request is passed over")
    #expect(
      FormSurvey(title: "T", items: [], minGroupSize: 5).language(requested: "de", acceptLanguage: "de") == nil, "a survey without languages has none"
    )
  }

  @Test func theGermanFormIsGermanThroughoutWithASwitchToEnglish() {
    let html = FormPages.form(survey: Self.survey, team: "Vertrieb", ticket: "t", language: "de").html
    #expect(html.contains("<html lang=\"de\">"))
    #expect(html.contains("<h1>Teamcheck</h1>"))
    #expect(html.contains("Ich habe Zeit zum Lernen."))
    #expect(html.contains("> Nein</label>"))
    #expect(html.contains("Team: <strong>Vertrieb</strong>"))
    #expect(html.contains("Gruppen von mindestens 4 Personen"))
    #expect(html.contains("Frage 1 von 1"))
    #expect(html.contains("<button type=\"submit\">Meine Antworten senden</button>"))
    #expect(html.contains("<input type=\"hidden\" name=\"lang\" value=\"de\">"))
    #expect(html.contains("<a href=\"?lang=en\" hreflang=\"en\" lang=\"en\">English</a>"))
    #expect(html.contains("<strong lang=\"de\" aria-current=\"true\">Deutsch</strong>"))
    #expect(!html.contains("Send my answers") && !html.contains("I have time"))
  }

  @Test func aSurveyInOneLanguageHasNoSwitchAndEnglishWords() {
    let html = FormPages.form(survey: FormSurvey(title: "T", items: Self.survey.items, minGroupSize: 5), team: "A", ticket: "t").html
    #expect(!html.contains("class=\"languages\""))
    #expect(!html.contains("name=\"lang\""))
    #expect(html.contains("<html lang=\"en\">") && html.contains("Send my answers"))
  }

  @Test func thanksAndRefusalsAreInTheChosenLanguage() {
    #expect(FormPages.thanks(survey: Self.survey, answered: 1, language: "de").html.contains("Ihre Antworten auf 1 von 1 Fragen sind eingegangen."))
    #expect(
      FormPages.refusal(.spent, Self.survey.words(for: Self.survey.version(for: "de"))).html.contains("Dieser Einladungslink wurde bereits verwendet")
    )
    #expect(FormPages.refusal(.crossSite, .init("es")).html.contains("Este formulario no se puede aceptar"))
  }

  @Test func theSubmissionCarriesItsLanguage() throws {
    let submission = try Submission.parse("ticket=t&lang=de&a.q1=2", items: Self.survey.items)
    #expect(submission.language == "de")
    #expect(submission.answers == ["q1": 2])
  }

  @Test func commentsAndMultiSelectsAreInTheFormsLanguage() {
    let scale = Scale(min: 1, max: 5, labels: [])
    func version(_ language: String, _ text: String, _ labels: [String]) -> FormSurvey.Version {
      FormSurvey.Version(
        language: language, title: "T",
        items: [
          FormItem(item: Item(id: "wish", text: text, dimension: "", kind: .text), scale: scale),
          FormItem(
            item: Item(
              id: "formats", text: text, dimension: "",
              options: [.init(id: "w", label: labels[0], score: 0), .init(id: "m", label: labels[1], score: 0)], kind: .multi), scale: scale),
        ])
    }
    let survey = FormSurvey(
      versions: [
        version("en", "What would help?", ["Workshops", "Mentoring"]), version("de", "Was würde helfen?", ["Kurse", "Mentoring im Team"]),
      ], minGroupSize: 4)
    let html = FormPages.form(survey: survey, team: "Vertrieb", ticket: "t", language: "de").html
    #expect(html.contains("<textarea name=\"c.wish\""))
    #expect(html.contains("Kommentare werden nur für Gruppen gezeigt"))
    #expect(html.contains("name=\"m.formats\" value=\"0\"> Kurse</label>"))
    #expect(html.contains("> Mentoring im Team</label>"))
    #expect(!html.contains("Comments are shown"))
    // Submitted in German, the answers are read against the same ids and values.
    let submission = try? Submission.parse("ticket=t&lang=de&c.wish=Mehr+Zeit&m.formats=1", items: survey.items)
    #expect(submission == Submission(ticket: "t", language: "de", answers: ["formats": 2], comments: ["wish": "Mehr Zeit"]))
  }
}
