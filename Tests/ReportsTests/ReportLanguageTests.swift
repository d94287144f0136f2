import SurveyModel
import Testing

@testable import Reports

/// Reports in the reader's language: the reports' own words come from the message files, and
/// the machine formats keep their keys.
@Suite struct ReportLanguageTests {
  private func inLanguage(_ language: String?) -> ScoreReport {
    var report = sampleReport
    report.survey.language = language
    return report
  }

  private func comparison(_ language: String?) -> ComparisonReport {
    var report = sampleComparison()
    report.survey.language = language
    return report
  }

  @Test func theScoreTableSpeaksTheReadersLanguage() {
    let german = TableReporter().render(inLanguage("de"))
    #expect(german.contains("r.csv: 16 Zeilen gelesen, 15 verwendet, 1 abgewiesen"))
    #expect(german.contains("Team           n  Index  Stufe"))
    #expect(german.contains("Tiny           3      -  unterdrückt (weniger Befragte als die Mindestgruppengröße)"))
    #expect(german.contains("(alle Teams)  15   60.0"), "the organisation row in the reader's language")
    #expect(german.contains("Indexregel: Index = Mittelwert über die Dimensionen der POMP der Dimensionsmittelwerte des Teams"))
    #expect(
      german.contains("Fehlende Daten: der Dimensionswert einer befragten Person ist") && german.contains("mindestens 2 Fragen beantwortet sind"))
    #expect(german.contains("Mindestgruppengröße 5; jede Zahl wird nur gezeigt, wenn mindestens 5 Befragte dahinterstehen"))
    #expect(german.contains("- Tiny (n = 3): Werte zurückgehalten, weniger als 5 Befragte [below_min_group_size, Schwelle 5]"))
    #expect(german.contains("Was zu tun ist:"))
    #expect(!german.contains("rows read") && !german.contains("What to do") && !german.contains("Index rule"))
    let french = TableReporter().render(inLanguage("fr-CA"))
    #expect(french.contains("Équipe") && french.contains("Règle de l'indice: indice = moyenne sur les dimensions du POMP"))
  }

  @Test func englishAndLanguagesWithoutMessagesReadTheEnglishWords() {
    let english = TableReporter().render(sampleReport)
    #expect(TableReporter().render(inLanguage("en")) == english)
    #expect(TableReporter().render(inLanguage("pt-BR")) == english, "no message file: English words")
  }

  @Test(arguments: ["csv", "json"]) func machineFormatsKeepTheirKeysInEveryLanguage(_ format: String) throws {
    let reporter = try OutputFormats.score.renderer(named: format)
    #expect(reporter.render(inLanguage("de")) == reporter.render(sampleReport))
    let comparer = try OutputFormats.comparison.renderer(named: format)
    #expect(comparer.render(comparison("fr")) == comparer.render(sampleComparison()))
  }

  @Test(arguments: ["de", "fr", "es"]) func everyHumanComparisonFormatIsTranslated(_ language: String) throws {
    let words = ReportWords(language)
    for format in ["table", "md", "html"] {
      let text = try OutputFormats.comparison.renderer(named: format).render(comparison(language))
      let english = try OutputFormats.comparison.renderer(named: format).render(sampleComparison())
      #expect(text != english)
      #expect(text.contains(words("team-comparison")))
      #expect(text.contains(words("verdict")))
      #expect(!text.contains("team comparison") && !text.contains("Reliability") && !text.contains("95% CI"), "\(format) \(language)")
    }
    let html = try OutputFormats.comparison.renderer(named: "html").render(comparison(language))
    #expect(html.contains("<html lang=\"\(language)\">"))
    #expect(html.contains(words("html.profiles")) && html.contains(words("html.legend-suppressed")))
    #expect(html.contains("<span class=\"ramp\" aria-hidden=\"true\"></span>"), "the colour ramp sits inside the translated legend")
  }

  @Test func eachReasonHasOneWording() {
    for reason in [Suppression.belowMinimum, .dataPointBelowMinimum, .complementary, .nested, .mapping, .overlapping, .derived, .earlierRun] {
      #expect(ReportWords("en").reason(reason) == reason.words, "one wording per concept: \(reason)")
      #expect(ReportWords("de").reason(reason) != reason.words)
    }
  }
}
