import SurveyModel
import Testing

@testable import PluginHost

/// A bilingual plugin (en, de); `drop` removes the lines holding one of its texts, to leave a
/// translation out. Line numbers: languages 3, name 4, item q1's text 13, band label 17.
func bilingualPlugin(_ replace: [(String, String)] = []) -> String {
  var source = """
    return {
      api = 1, id = 'climate', version = '1.0.0', source = 'Original work.',
      languages = { 'en', 'de' },
      name = { en = 'Climate', de = 'Klima' },
      description = { en = 'The learning climate.', de = 'Das Lernklima.' },
      scale = { min = 1, max = 3, labels = { { en = 'No', de = 'Nein' }, { en = 'Partly', de = 'Teils' }, { en = 'Yes', de = 'Ja' } } },
      dimensions = {
        { id = 'time', name = { en = 'Time', de = 'Zeit' },
          advice = { en = 'Make time.', de = 'Nehmen Sie sich Zeit.' } },
      },
      items = {
        { id = 'q1', dimension = 'time',
          text = { en = 'I have time to learn.', de = 'Ich habe Zeit zum Lernen.' } },
        { id = 'q2', dimension = 'time', text = { en = 'Pick one.', de = 'Wählen Sie.' },
          options = { { id = 'a', label = { en = 'Often', de = 'Oft' }, score = 3 }, { id = 'b', label = { en = 'Rarely', de = 'Selten' }, score = 1 } } },
      },
      bands = { { min = 0, label = { en = 'Low', de = 'Niedrig' } }, { min = 50, label = { en = 'High', de = 'Hoch' }, advice = { en = 'Keep going.', de = 'Weiter so.' } } },
    }
    """
  for (old, new) in replace {
    precondition(source.contains(old), old)
    source = source.replacingOccurrences(of: old, with: new)
  }
  return source
}

@Suite struct TranslationTests {
  @Test func tablesOfLanguagesLoadInTheDefaultLanguageAndLocalize() throws {
    let framework = try Plugin(source: bilingualPlugin(), file: "plugins/climate.lua").framework
    #expect(framework.languages == ["en", "de"])
    #expect(framework.name == "Climate")
    #expect(framework.items[0].text == "I have time to learn.")
    let german = framework.localized(to: "de")
    #expect(german.name == "Klima")
    #expect(german.description == "Das Lernklima.")
    #expect(german.scale.labels == ["Nein", "Teils", "Ja"])
    #expect(german.dimensions[0].name == "Zeit")
    #expect(german.dimensions[0].advice == "Nehmen Sie sich Zeit.")
    #expect(german.items.map(\.text) == ["Ich habe Zeit zum Lernen.", "Wählen Sie."])
    #expect(german.items[1].options.map(\.label) == ["Oft", "Selten"])
    #expect(german.items[1].options.map(\.score) == [3, 1], "only texts change")
    #expect(german.bands.map(\.label) == ["Niedrig", "Hoch"])
    #expect(german.bands[1].advice == "Weiter so.")
    #expect(framework.localized(to: "fr") == framework, "a language the plugin lacks leaves it as it is")
    #expect(german.localized(to: "en").name == "Climate")
  }

  @Test func aPluginInOneLanguageKeepsPlainStrings() throws {
    let framework = try Plugin(source: pluginSource(), file: "plugins/trust.lua").framework
    #expect(framework.translations == nil)
    #expect(framework.localized(to: "de") == framework)
  }

  @Test func aMissingTranslationNamesFileLineFieldAndLanguage() {
    let problems = contractProblems(
      bilingualPlugin([("text = { en = 'I have time to learn.', de = 'Ich habe Zeit zum Lernen.' }", "text = { en = 'I have time to learn.' }")]))
    #expect(problems == ["plugins/trust.lua:13: item 'q1': 'text' has no 'de' translation: add de = \"...\" to its table"])
  }

  @Test func missingTranslationsOfEveryKindOfTextAreNamed() {
    let cases: [(String, String, String)] = [
      ("name = { en = 'Climate', de = 'Klima' }", "name = { de = 'Klima' }", "plugins/trust.lua:4: 'name' has no 'en' translation"),
      ("{ en = 'Partly', de = 'Teils' }", "{ en = 'Partly' }", "plugins/trust.lua:6: scale label #2: 'labels' has no 'de' translation"),
      ("name = { en = 'Time', de = 'Zeit' }", "name = { en = 'Time' }", "plugins/trust.lua:8: dimension 'time': 'name' has no 'de' translation"),
      ("de = 'Nehmen Sie sich Zeit.'", "xx = 'x'", "dimension 'time': 'advice' has no 'de' translation"),
      ("label = { en = 'Rarely', de = 'Selten' }", "label = { en = 'Rarely' }", "item 'q2', option 'b': 'label' has no 'de' translation"),
      ("label = { en = 'Low', de = 'Niedrig' }", "label = { en = 'Low' }", "band #1: 'label' has no 'de' translation"),
    ]
    for (old, new, expected) in cases {
      let problems = contractProblems(bilingualPlugin([(old, new)]))
      #expect(problems.contains { $0.contains(expected) }, "\(expected) in \(problems)")
    }
  }

  @Test func plainTextInABilingualPluginIsAMissingTranslation() {
    let problems = contractProblems(bilingualPlugin([("text = { en = 'Pick one.', de = 'Wählen Sie.' }", "text = 'Pick one.'")]))
    #expect(
      problems == [
        "plugins/trust.lua:14: item 'q2': 'text' has no 'de' translation: plain text counts as en only; write text = { en = \"...\", de = \"...\" }"
      ])
  }

  @Test func tablesWithoutLanguagesAndUnknownLanguagesAreRefused() {
    let unlisted = contractProblems(bilingualPlugin([("languages = { 'en', 'de' },", "")]))
    #expect(unlisted.count == 1, "reported once, not per text: \(unlisted)")
    #expect(
      unlisted.first?.contains(
        "is a table of languages, so the plugin must list its languages, the default first: add languages = { \"de\", \"en\" }") == true)
    let typo = contractProblems(bilingualPlugin([("de = 'Klima'", "de = 'Klima', dee = 'Klima'")]))
    #expect(typo == ["plugins/trust.lua:4: 'name' has a text in 'dee', which is not one of the plugin's languages (en, de) (did you mean 'de'?)"])
    #expect(contractProblems(bilingualPlugin([("{ 'en', 'de' }", "{ 'en', 'en' }")])).contains { $0.contains("'languages' lists 'en' twice") })
    #expect(contractProblems(bilingualPlugin([("{ 'en', 'de' }", "{ 'english' }")])).contains { $0.contains("'english' is not a language tag") })
    #expect(
      contractProblems(bilingualPlugin([("de = 'Klima'", "de = ''")])).contains {
        $0.contains("'name': the 'de' text must be non-empty text (got string)")
      })
    #expect(
      contractProblems(bilingualPlugin([("de = 'Klima'", "de = 42")])).contains {
        $0.contains("'name': the 'de' text must be non-empty text (got number)")
      })
  }

  @Test func hostileShapesAreProblemsNotCrashes() {
    let cases: [(String, String, String)] = [
      ("{ 'en', 'de' }", "{ 1, 2 }", "'languages' must be a list of language tags"),
      ("{ 'en', 'de' }", "'en'", "'languages' must be a list of language tags"),
      ("{ 'en', 'de' }", "{ 'en', 'de', x = 'fr' }", "'languages' must be a list of language tags"),
      ("de = 'Klima'", "de = { 'Klima' }", "'name': the 'de' text must be non-empty text (got table)"),
      ("name = { en = 'Climate', de = 'Klima' }", "name = { 'Climate', 'Klima' }", "'name' must be text or a table of languages"),
      ("name = { en = 'Climate', de = 'Klima' }", "name = {}", "'name' must be text or a table of languages"),
      (
        "name = { en = 'Climate', de = 'Klima' }", "name = { en = 'Climate', de = 'Klima', [1] = 'x' }", "'name' must be text or a table of languages"
      ),
      ("{ en = 'No', de = 'Nein' }", "{ en = 'No', de = 'Nein', [true] = 'x' }", "scale label #1: 'labels' must be text or a table of languages"),
    ]
    for (old, new, expected) in cases {
      let problems = contractProblems(bilingualPlugin([(old, new)]))
      #expect(problems.contains { $0.contains(expected) }, "\(new): \(problems)")
    }
  }

  /// Every text dropped in turn from a generated plugin with 1–4 languages: each drop is one
  /// problem naming the language dropped, and the intact plugin loads.
  @Test func everyDroppedTranslationIsFound() throws {
    let pool = ["en", "de", "fr", "es"]
    for count in 1...4 {
      let languages = Array(pool.prefix(count))
      func text(_ base: String, without: String? = nil) -> String {
        "{ " + languages.filter { $0 != without }.map { "\($0) = '\(base) \($0)'" }.joined(separator: ", ") + " }"
      }
      func source(drop: (field: Int, language: String)?) -> String {
        let fields = ["name", "dimension", "item", "label"]
        func t(_ i: Int, _ base: String) -> String { text(base, without: drop?.field == i ? drop?.language : nil) }
        _ = fields
        return """
          return { api = 1, id = 'gen', version = '1', source = 's', languages = { \(languages.map { "'\($0)'" }.joined(separator: ", ")) },
            name = \(t(0, "N")), description = \(text("D")),
            scale = { min = 0, max = 1 },
            dimensions = { { id = 'd', name = \(t(1, "Dim")) } },
            items = { { id = 'i', dimension = 'd', text = \(t(2, "Item")) } },
            bands = { { min = 0, label = \(t(3, "Band")) } } }
          """
      }
      let intact = try Plugin(source: source(drop: nil), file: "gen.lua").framework
      for language in languages { #expect(intact.localized(to: language).items[0].text == "Item \(language)") }
      guard count > 1 else { continue }
      for field in 0..<4 {
        for language in languages {
          let problems = contractProblems(source(drop: (field, language)))
          #expect(problems.count == 1 && problems[0].contains("has no '\(language)' translation"), "\(field) \(language): \(problems)")
        }
      }
    }
  }

  @Test func aSurveyLanguageThePluginLacksIsNamedWithTheLanguagesLine() throws {
    let plugin = try Plugin(source: bilingualPlugin(), file: "plugins/climate.lua")
    #expect(plugin.missingLanguages(["en", "de"]).isEmpty)
    #expect(plugin.missingLanguages(["de", "fr"]) == [.init(line: 3, field: "languages", language: "fr")])
    let plain = try Plugin(source: pluginSource(), file: "plugins/trust.lua")
    #expect(plain.missingLanguages(["en"]).isEmpty, "plain text is taken as the survey's one language")
    #expect(plain.missingLanguages(["en", "de"]).map(\.language) == ["de"])
    #expect(plain.missingLanguages(["en", "de"]).first?.field == "name")
  }
}
