import Testing

@testable import SurveyIO

/// A survey's languages and its title in each.
@Suite struct SurveyLanguagesTests {
  func problems(_ yaml: String) -> [String] {
    do {
      _ = try SurveyLoader.parse(yaml, file: "s.yaml")
      return []
    } catch let problems as InputProblems {
      return problems.problems.map(\.description)
    } catch {
      return ["\(error)"]
    }
  }

  @Test func languagesTitlesAndTheDefault() throws {
    let survey = try SurveyLoader.parse(
      """
      id: a
      title: {en: Team check, de: Teamcheck, fr: Bilan d'équipe}
      languages: [en, de, fr]
      default_language: de
      frameworks: [x]
      columns: {language: lang}
      """, file: "s.yaml")
    #expect(survey.languages == ["de", "en", "fr"], "the default first")
    #expect(survey.defaultLanguage == "de")
    #expect(survey.title == "Teamcheck", "the plain title is the default language's")
    #expect(survey.title(in: "fr") == "Bilan d'équipe")
    #expect(survey.title(in: nil) == "Teamcheck")
    #expect(survey.title(in: "es") == "Teamcheck")
    #expect(survey.languageColumn == "lang")
    #expect(survey.ignoredColumns == ["lang"], "read only when grouping by language")
  }

  @Test func aSurveyWithoutLanguagesIsAsBefore() throws {
    let survey = try SurveyLoader.parse("id: a\ntitle: A\nframeworks: [x]\n", file: "s.yaml")
    #expect(survey.languages.isEmpty && survey.defaultLanguage == nil && survey.titles.isEmpty)
    #expect(survey.title(in: "de") == "A")
  }

  @Test func mistakesAreNamedWithTheirLine() {
    let head = "id: a\nframeworks: [x]\n"
    #expect(
      problems(head + "title: {en: A}\nlanguages: [en, de]\n") == [
        "s.yaml:3: error: 'title' has no 'de' translation\n  hint: add de: ... under title"
      ])
    #expect(
      problems(head + "title: {en: A, de: B}\n") == [
        "s.yaml:3: error: 'title' is a table of languages, but the survey lists no 'languages'\n  hint: add languages: [de, en] (the default first)"
      ])
    #expect(
      problems(head + "title: {en: A, dee: B}\nlanguages: [en]\n").contains {
        $0.contains("'title' has a 'dee' title, which is not one of the survey's languages (en)")
      })
    #expect(
      problems(head + "title: A\nlanguages: [en, english]\n") == [
        "s.yaml:4: error: 'languages': 'english' is not a language tag such as en, de or pt-BR"
      ])
    #expect(problems(head + "title: A\nlanguages: [en, en]\n") == ["s.yaml:4: error: 'languages' lists 'en' twice"])
    #expect(problems(head + "title: A\nlanguages: []\n").first?.contains("'languages' must list at least one language") == true)
    #expect(
      problems(head + "title: A\nlanguages: [en]\ndefault_language: de\n").first?.hasPrefix(
        "s.yaml:5: error: 'default_language' must be one of the survey's languages (en)") == true)
    #expect(problems(head + "title: A\ndefault_language: de\n").first?.contains("'default_language' needs 'languages'") == true)
    #expect(
      problems(head + "title: {en: [A]}\nlanguages: [en]\n").first?.contains("each entry of 'title' must be a language and its non-empty title")
        == true)
  }
}
