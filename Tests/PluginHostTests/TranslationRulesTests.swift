import SurveyModel
import Testing

@testable import PluginHost

/// The texts that index rules, comments and multi-selects add (measure and theme names,
/// `index_label`, comment and multi-select items with their options) take tables of languages
/// like every other text respondents or readers see.
@Suite struct TranslationRulesTests {
  /// The bilingual plugin with a comment and a multi-select item (after its items) and the
  /// rule fields (before its bands).
  static func source(_ replace: [(String, String)] = []) -> String {
    var source = bilingualPlugin([
      (
        "  },\n  bands = {",
        """
            { id = 'wish', type = 'text', text = { en = 'What would help?', de = 'Was würde helfen?' } },
            { id = 'formats', type = 'multi', text = { en = 'Formats used?', de = 'Genutzte Formate?' },
              options = { { id = 'w', label = { en = 'Workshops', de = 'Workshops' } }, { id = 'm', label = { en = 'Mentoring', de = 'Mentoring im Team' } } } },
          },
          measures = { { id = 'own', name = { en = 'Own mean', de = 'Eigener Mittelwert' }, all_items = true } },
          index_by = { rule = 'pomp_mean' },
          index_label = { en = 'Learning climate', de = 'Lernklima' },
          themes = { { id = 'time', name = { en = 'Time to learn', de = 'Zeit zum Lernen' }, keywords = { 'time', 'zeit' } } },
          bands = {
        """
      )
    ])
    for (old, new) in replace {
      precondition(source.contains(old), old)
      source = source.replacingOccurrences(of: old, with: new)
    }
    return source
  }

  @Test func theNewTextsLocalize() throws {
    let framework = try Plugin(source: Self.source(), file: "plugins/climate.lua").framework
    #expect(framework.unscoredItems.map(\.text) == ["What would help?", "Formats used?"])
    #expect(framework.measures.map(\.name) == ["Own mean"])
    #expect(framework.themes.map(\.name) == ["Time to learn"])
    #expect(framework.indexLabel == "Learning climate")
    let german = framework.localized(to: "de")
    #expect(german.unscoredItems.map(\.text) == ["Was würde helfen?", "Genutzte Formate?"])
    #expect(german.unscoredItems[1].options.map(\.label) == ["Workshops", "Mentoring im Team"])
    #expect(german.unscoredItems[1].options.map(\.id) == ["w", "m"], "only texts change")
    #expect(german.measures.map(\.name) == ["Eigener Mittelwert"])
    #expect(german.measures.map(\.id) == ["own"])
    #expect(german.themes.map(\.name) == ["Zeit zum Lernen"])
    #expect(german.themes[0].keywords == framework.themes[0].keywords)
    #expect(german.indexLabel == "Lernklima")
  }

  @Test func aMissingTranslationOfANewTextIsALoadError() {
    let cases: [(String, String, String)] = [
      ("name = { en = 'Own mean', de = 'Eigener Mittelwert' }", "name = { en = 'Own mean' }", "measure 'own': 'name' has no 'de' translation"),
      ("name = { en = 'Time to learn', de = 'Zeit zum Lernen' }", "name = 'Time to learn'", "theme 'time': 'name' has no 'de' translation"),
      (
        "index_label = { en = 'Learning climate', de = 'Lernklima' }", "index_label = { en = 'Learning climate', fr = 'Climat' }",
        "'index_label' has a text in 'fr'"
      ),
      ("index_label = { en = 'Learning climate', de = 'Lernklima' }", "index_label = 3", "'index_label' must be text"),
      (
        "text = { en = 'What would help?', de = 'Was würde helfen?' }", "text = { de = 'Was würde helfen?' }",
        "item 'wish': 'text' has no 'en' translation"
      ),
      ("label = { en = 'Mentoring', de = 'Mentoring im Team' }", "label = { en = 'Mentoring', de = '' }", "the 'de' text must be non-empty"),
    ]
    for (old, new, expected) in cases {
      let problems = contractProblems(Self.source([(old, new)]))
      #expect(problems.contains { $0.contains(expected) }, "\(new): \(problems)")
    }
  }
}
