import Foundation
import Scoring
import SurveyModel
import Testing

@testable import PluginHost

/// The bilingual test plugin with `fields` added after its bands (its last field).
private func bilingual(adding fields: String) -> String {
  bilingualPlugin([("\n}", "\n" + fields + "\n}")])
}

private let team = TeamContext(team: "Ops", n: 5, dimensions: [DimensionScore(id: "time", n: 5, mean: 2, pomp: 50)], declarativeIndex: 50)

/// What a reader sees in their language beyond the declared texts: a `band` hook's label and
/// advice given as tables of languages, and the plugin's rule sentences.
@Suite struct ReaderLanguageTests {
  @Test func aBandHookMayReturnTablesOfLanguagesReadInTheRunsLanguage() throws {
    let plugin = try Plugin(
      source: bilingual(
        adding: """
            band = function(index)
              if index >= 60 then return { en = 'Strong', de = 'Stark' } end
              return { label = { en = 'Room to grow', de = 'Luft nach oben' }, advice = { en = 'Share one lesson.', de = 'Teilen Sie eine Lehre.' } }
            end,
          """), file: "plugins/climate.lua")
    #expect(try plugin.band(for: 50, team: team) == Band(min: 50, label: "Room to grow", advice: "Share one lesson."), "default language")
    plugin.language = "de"
    #expect(try plugin.band(for: 50, team: team) == Band(min: 50, label: "Luft nach oben", advice: "Teilen Sie eine Lehre."))
    #expect(try plugin.band(for: 70, team: team) == Band(min: 70, label: "Stark"))
    #expect(try plugin.copy().band(for: 70, team: team)?.label == "Stark", "a copy for another thread keeps the language")
  }

  struct Case: Sendable, CustomTestStringConvertible {
    let returned: String
    let problem: String
    var testDescription: String { returned }
  }

  static let refusals: [Case] = [
    Case(
      returned: "{ label = { en = 'Low' } }", problem: "'band' returned a 'label' without a 'de' text: give label = { en = \"...\", de = \"...\" }"),
    Case(returned: "{ label = 'Low', advice = { en = 'A', de = '' } }", problem: "'band' returned a 'advice' without a 'de' text"),
    Case(
      returned: "{ label = { en = 'Low', de = 'Tief', fr = 'Bas' } }",
      problem: "'band' returned a 'label' with a text in 'fr', which is not one of the plugin's languages (en, de)"),
    Case(returned: "{ label = { 'Low', 'Tief' } }", problem: "'band' returned a 'label' without a 'en' text"),
    Case(returned: "{ label = 5 }", problem: "'band' returned a 'label' that is not text (a number)"),
  ]

  @Test(arguments: refusals) func anIncompleteTableOfLanguagesStopsTheRunWithTheHooksLine(_ c: Case) throws {
    let plugin = try Plugin(source: bilingual(adding: "  band = function(index) return \(c.returned) end,"), file: "plugins/climate.lua")
    plugin.language = "de"
    do {
      let band = try plugin.band(for: 50, team: team)
      Issue.record("accepted: \(String(describing: band))")
    } catch let error as PluginError {
      #expect(error.description.contains("plugins/climate.lua:18: \(c.problem)"), "\(error.description)")
      #expect(error.description.contains("hook 'band', team 'Ops'"))
    }
  }

  @Test func aTableOfLanguagesNeedsThePluginsLanguages() throws {
    let plugin = try Plugin(
      source: pluginSource().replacingOccurrences(of: "  api = 1,", with: "  api = 1,\n  band = function() return { de = 'Stark' } end,"),
      file: "plugins/trust.lua")
    #expect(throws: PluginError.self) { try plugin.band(for: 50, team: team) }
  }

  @Test func ruleSentencesAreTranslatedTexts() throws {
    let source = bilingual(
      adding: """
          index = function(team) return team.index end,
          index_rule = { en = 'the declarative index, unchanged', de = 'der deklarative Index, unverändert' },
          score = function(r) return nil end,
          score_rule = { en = 'keeps the scores', de = 'behält die Werte' },
        """)
    let framework = try Plugin(source: source, file: "plugins/climate.lua").framework
    #expect(framework.scoringRules.indexHookText == "the declarative index, unchanged")
    let german = framework.localized(to: "de").scoringRules
    #expect(german.indexHook && german.indexHookText == "der deklarative Index, unverändert")
    #expect(german.scoreHook && german.scoreHookText == "behält die Werte")
    let missing = contractProblems(source.replacingOccurrences(of: ", de = 'behält die Werte'", with: ""))
    #expect(missing.contains { $0.contains("'score_rule' has no 'de' translation") }, "\(missing)")
    #expect(
      contractProblems(source.replacingOccurrences(of: "index_rule = {", with: "index_rule = 5, _x = {")) == [
        "plugins/trust.lua:19: 'index_rule' must be text (got number)"
      ])
  }
}
