import SurveyModel
import Testing

@testable import TerminalForm

/// The answering screen's own words in the respondent's language.
@Suite struct ScreenLanguageTests {
  func sheet(_ keys: [Key]) -> AnswerSheet {
    var sheet = AnswerSheet(items: AnswerSheetTests.items)
    for key in keys { sheet.handle(key) }
    return sheet
  }

  @Test func germanScreenShowsGermanWords() {
    let screen = Screen(title: "Kurzumfrage", team: "Vertrieb", width: 80, language: "de")
    let answering = screen.lines(sheet([.character("2"), .left]))
    #expect(answering.first == "Kurzumfrage · Team Vertrieb")
    #expect(answering.contains("Frage 1 von 3"))
    #expect(answering.contains("> 2 Disagree  (Ihre Antwort)"), "the labels come from the plugin, the marker from the messages")
    #expect(answering.last?.hasPrefix("1-5 oder Hoch/Runter+Enter: antworten") == true)
    let review = screen.lines(sheet([.character("1"), .character("s"), .character("3")]))
    #expect(review.contains("Sie haben 2 von 3 Fragen beantwortet."))
    #expect(review.contains("Übersprungen: Frage 2."))
    #expect(screen.lines(sheet([.character("q")])).contains("Beenden, ohne Ihre Antworten zu speichern? (y: beenden, jede andere Taste: weiter)"))
  }

  @Test func everyLanguageFillsEveryScreen() {
    for language in ["en", "de", "fr", "es"] {
      let screen = Screen(title: "T", team: "X", width: 80, language: language)
      for keys: [Key] in [
        [], [.character("1"), .character("s"), .character("s")], [.character("q")], [.character("s"), .character("s"), .character("s")],
      ] {
        for line in screen.lines(sheet(keys)) {
          #expect(!line.contains("{") && !line.contains("terminal."), "\(language): \(line)")
        }
      }
    }
    #expect(Screen(title: "T", team: "X").lines(sheet([])).contains("Item 1 of 3"), "English by default, as before")
  }

  @Test func commentAndMultiSelectScreensAreInTheRespondentsLanguage() {
    let scale = Scale(min: 1, max: 5, labels: [])
    let items = [
      FormItem(item: Item(id: "wish", text: "Was würde helfen?", dimension: "", kind: .text), scale: scale),
      FormItem(
        item: Item(
          id: "formats", text: "Genutzte Formate?", dimension: "",
          options: [.init(id: "w", label: "Workshops", score: 0), .init(id: "m", label: "Mentoring", score: 0)], kind: .multi), scale: scale),
    ]
    var sheet = AnswerSheet(items: items)
    let screen = Screen(title: "T", team: "X", width: 200, language: "de")
    let comment = screen.lines(sheet)
    #expect(comment.contains("Kommentar eingeben · Enter: weiter · Links: zurück · Rechts: überspringen · Esc: beenden"))
    #expect(comment.contains { $0.hasPrefix("Kommentare werden nur für Gruppen gezeigt") })
    sheet.handle(.enter)
    let multi = screen.lines(sheet)
    #expect(multi.contains { $0.contains("[ ] 1 Workshops") })
    #expect(multi.last?.hasPrefix("1-2 oder Leertaste: ankreuzen") == true, "\(multi)")
    for language in ["en", "fr", "es"] {
      for line in Screen(title: "T", team: "X", width: 200, language: language).lines(sheet)
        + Screen(title: "T", team: "X", width: 200, language: language).lines(AnswerSheet(items: items))
      {
        #expect(!line.contains("{") && !line.contains("terminal.") && !line.contains("form."), "\(language): \(line)")
      }
    }
  }
}
