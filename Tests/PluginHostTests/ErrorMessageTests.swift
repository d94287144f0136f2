import Scoring
import SurveyModel
import Testing

@testable import PluginHost

/// Every class of plugin error names the file and line, the field or hook, and (at scoring
/// time) the team and response row; misspellings get "did you mean"; common Lua mistakes get
/// a hint line.
@Suite struct ErrorMessageTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let id: String
    let source: String
    /// Fragments the rendered error must contain.
    let expected: [String]
    var testDescription: String { id }
  }

  static let loadCases: [Case] = [
    Case(
      id: "syntax: missing comma", source: pluginSource().replacingOccurrences(of: "  name = 'Trust',", with: "  name = 'Trust'"),
      expected: [
        "error loading plugins/trust.lua:", "plugins/trust.lua:5: '}' expected (to close '{' at line 1) near 'version'",
        "hint: a comma is probably missing",
      ]),
    Case(
      id: "runtime error while loading", source: "local x = nil\nlocal y = x.field\n" + pluginSource(),
      expected: ["plugins/trust.lua:2: attempt to index a nil value (local 'x')", "hint: a table or field used here is nil"]),
    Case(
      id: "misspelt field", source: pluginSource().replacingOccurrences(of: "  scale =", with: "  scael ="),
      expected: ["plugins/trust.lua:8: unknown field 'scael' (did you mean 'scale'?)", "plugins/trust.lua:2: 'scale' must be a table"]),
    Case(
      id: "wrong field type", source: pluginSource(replacing: "version", with: "1.0"),
      expected: ["plugins/trust.lua:5: 'version' must be non-empty text (got number)"]),
    Case(
      id: "misspelt dimension", source: pluginSource().replacingOccurrences(of: "dimension = 'voice'", with: "dimension = 'vioce'"),
      expected: ["plugins/trust.lua:12: item 'q2' names unknown dimension 'vioce' (did you mean 'voice'?)"]),
    Case(
      id: "missing return", source: pluginSource().replacingOccurrences(of: "return {", with: "local framework = {"),
      expected: ["plugins/trust.lua:14: the file must end with `return { ... }`", "it returns nothing"]),
    Case(
      id: "returns a string", source: "return 'trust'\n",
      expected: ["plugins/trust.lua:1: the file must end with `return { ... }`", "it returns a string"]),
    Case(
      id: "typo in a local's name",
      source: "local agreement = { 'a', 'b', 'c', 'd', 'e' }\n" + pluginSource(replacing: "scale", with: "{ min = 1, max = 5, labels = agreemnt }"),
      expected: ["plugins/trust.lua:9: unknown name 'agreemnt' (did you mean 'agreement'?)", "hint: a name must be defined before it is used"]),
    Case(
      id: "typo in a built-in", source: "local n = math.flor(2.5)\n" + pluginSource(),
      expected: [
        "plugins/trust.lua:1: attempt to call a nil value (field 'flor')", "hint: there is no function by that name: did you mean 'math.floor'?",
      ]),
    Case(
      id: "yes for a boolean", source: "local reversed = yes\n" + pluginSource(),
      expected: ["plugins/trust.lua:1: unknown name 'yes'", "hint: Lua's booleans are 'true' and 'false' (lower case, no quotes)"]),
    Case(
      id: "assigning a global", source: "threshold = 3\n" + pluginSource(),
      expected: ["plugins/trust.lua:1: assignment to undeclared global 'threshold'", "hint: plugins cannot create globals"]),
    Case(
      id: "plugin API too new", source: pluginSource(replacing: "api", with: "2"),
      expected: ["plugins/trust.lua:2: the plugin needs plugin API 2 but this cultivar provides 1: upgrade cultivar"]),
    Case(
      id: "require_api too new", source: "cultivar.require_api(3)\n" + pluginSource(),
      expected: ["plugins/trust.lua:1: this plugin needs plugin API 3 but this cultivar provides 1: upgrade cultivar"]),
  ]

  @Test(arguments: loadCases) func loadErrors(_ c: Case) {
    do {
      _ = try Plugin(source: c.source, file: "plugins/trust.lua")
      Issue.record("\(c.id): loaded")
    } catch {
      for fragment in c.expected { #expect(error.description.contains(fragment), "\(c.id): missing \(fragment) in\n\(error.description)") }
    }
  }

  static let hookCases: [Case] = [
    Case(
      id: "nil index", source: "score = function(r)\n    return { trust = r.answers.q2.value }\n  end,",
      expected: ["plugins/trust.lua:4: attempt to index a nil value (field 'q2')", "hint: a table or field used here is nil"]),
    Case(
      id: "unknown item", source: "score = function(r)\n    return { trust = r.answers.q9.value }\n  end,",
      expected: [
        "plugins/trust.lua:4: respondent.answers has no field 'q9' — did you mean 'q1'?",
        "hint: a hook argument has only the fields the contract documents",
      ]),
    Case(
      id: "misspelt host function", source: "score = function(r)\n    return { trust = cultivar.mena({ 1, 2 }) }\n  end,",
      expected: [
        "plugins/trust.lua:4: attempt to call a nil value (field 'mena')", "hint: there is no function by that name: did you mean 'cultivar.mean'?",
      ]),
    Case(
      id: "misspelt local in a hook", source: "score = function(r)\n    local bonus = 1\n    return { trust = r.keyed.q1 + bonsu }\n  end,",
      expected: ["plugins/trust.lua:5: unknown name 'bonsu' (did you mean 'bonus'?)"]),
    Case(
      id: "arithmetic on an unanswered item", source: "score = function(r)\n    return { voice = r.answers.q2 * 2 }\n  end,",
      expected: ["plugins/trust.lua:4: attempt to perform arithmetic on a nil value (field 'q2')", "hint: a value used here is nil"]),
    Case(
      id: "bad result", source: "score = function(r) return { trst = 3 } end,",
      expected: ["'score' returned a score for unknown dimension 'trst' (did you mean 'trust'?)"]),
  ]

  @Test(arguments: hookCases) func scoringErrorsNameHookTeamRespondentAndRow(_ c: Case) throws {
    let plugin = try hookPlugin(c.source)
    do {
      _ = try plugin.respondentScores(respondent)
      Issue.record("\(c.id): no error")
    } catch var error as PluginError {
      error.responsesFile = "responses.csv"
      let text = error.description
      #expect(
        text.hasPrefix("error running plugin 'trust' (plugins/trust.lua), hook 'score', respondent 'r7' of team 'Ops' (responses.csv:9):"), "\(text)")
      for fragment in c.expected { #expect(text.contains(fragment), "\(c.id): missing \(fragment) in\n\(text)") }
    }
  }
}
