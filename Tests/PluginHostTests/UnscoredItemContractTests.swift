import Foundation
import SurveyModel
import Testing

@testable import PluginHost

/// A valid plugin with a comment item (line 10), a multi-select (line 11) and themes (from
/// line 14); `extra` adds fields to the plugin table, `themes` replaces the themes.
func voicePlugin(
  comment: String = "{ id = 'wish', type = 'text', text = 'What would help you learn?' },",
  multi: String =
    "{ id = 'formats', type = 'multi', text = 'Formats used?', options = { { id = 'w', label = 'Workshops' }, { id = 'm', label = 'Mentoring' } } },",
  themes: String = "{ id = 'time', name = 'Time', keywords = { 'time', 'busy' } },\n    { id = 'boss', name = 'Manager', keywords = { 'manager' } },",
  extra: String = ""
) -> String {
  """
  return {
    api = 1, id = 'voice', name = 'Voice', version = '1.0.0',
    description = 'Comments and formats.', source = 'Original work.',
    scale = { min = 1, max = 5 },
    dimensions = {
      { id = 'support', name = 'Support' },
    },
    items = {
      { id = 's1', text = 'I have time to learn.', dimension = 'support' },
      \(comment)
      \(multi)
    },
    \(extra)
    themes = {
    \(themes)
    },
  }
  """
}

@Suite struct UnscoredItemContractTests {
  @Test func commentAndMultiItemsAreReadApartFromTheScoredOnes() throws {
    let framework = try Plugin(source: voicePlugin(), file: "plugins/trust.lua").framework
    #expect(framework.items.map(\.id) == ["s1"])
    #expect(framework.unscoredItems.map(\.id) == ["wish", "formats"])
    #expect(framework.unscoredItems.map(\.kind) == [.text, .multi])
    #expect(framework.unscoredItems[1].options.map(\.label) == ["Workshops", "Mentoring"])
    #expect(framework.themes.map(\.id) == ["time", "boss"])
    #expect(framework.hasChoiceItems == false)
  }

  @Test(arguments: [
    (
      voicePlugin(comment: "{ id = 'wish', type = 'text', text = 'Why?', dimension = 'support' },"),
      "plugins/trust.lua:10: item 'wish' is a comment (type = \"text\") and is never scored: remove 'dimension'"
    ),
    (
      voicePlugin(comment: "{ id = 'wish', type = 'txt', text = 'Why?' },"),
      "plugins/trust.lua:10: item 'wish': unknown type 'txt' (did you mean 'text'?)"
    ),
    (
      voicePlugin(comment: "{ id = 'wish', type = 'text', text = 'Why?', options = { { id = 'a', label = 'A' } } },"),
      "item 'wish' is a comment (type = \"text\") and takes no 'options'"
    ),
    (
      voicePlugin(multi: "{ id = 'formats', type = 'multi', text = 'Formats?' },"),
      "plugins/trust.lua:11: item 'formats' is a multi-select and needs 'options'"
    ),
    (
      voicePlugin(
        multi: "{ id = 'formats', type = 'multi', text = 'F?', options = { { id = 'w', label = 'W', score = 1 }, { id = 'm', label = 'M' } } },"),
      "option 'w': a multi-select option has no 'score'"
    ),
    (
      voicePlugin(multi: "{ id = 'formats', type = 'multi', text = 'F?', options = { { id = 'w', label = 'W' } } },"),
      "item 'formats': a multi-select needs at least two options (got 1)"
    ),
    (
      voicePlugin(multi: "{ id = 'formats', type = 'multi', text = 'F?', options = { { id = 'w', label = 'W' }, { id = 'W', label = 'X' } } },"),
      "item 'formats': option 'W' is declared twice"
    ),
    (
      voicePlugin(
        multi:
          "{ id = 'formats', type = 'rating', text = 'F?', options = { { id = 'w', label = 'W', score = 1 }, { id = 'm', label = 'M', score = 2 } } },"
      ), "has type = \"rating\" but 'options'"
    ),
    (voicePlugin(themes: "{ id = 'time', name = 'Time' },"), "theme 'time' needs 'keywords'"),
    (
      voicePlugin(themes: "{ id = 'time', name = 'Time', keywords = { 'time', 3 } },"),
      "theme 'time': every keyword must be non-empty text (got number)"
    ),
    (
      voicePlugin(themes: "{ id = 'time', name = 'Time', keywords = { 'x' } },\n    { id = 'time', name = 'Again', keywords = { 'y' } },"),
      "theme 'time' is declared twice"
    ),
    (voicePlugin(themes: "{ id = 'time', nmae = 'Time', keywords = { 'x' } },"), "theme 'time': unknown field 'nmae' (did you mean 'name'?)"),
  ])
  func contractProblemsNameTheLine(source: String, expected: String) {
    let problems = contractProblems(source)
    #expect(problems.contains { $0.contains(expected) }, "\(problems)")
  }

  @Test func aMultiSelectHasAtMost32Options() {
    let options = (1...33).map { "{ id = 'o\($0)', label = 'Option \($0)' }" }.joined(separator: ", ")
    let problems = contractProblems(voicePlugin(multi: "{ id = 'formats', type = 'multi', text = 'F?', options = { \(options) } },"))
    #expect(problems.contains { $0.contains("a multi-select has at most 32 options (got 33)") }, "\(problems)")
  }

  @Test func keywordsMatchWholeWordsInAnyCase() throws {
    let plugin = try Plugin(source: voicePlugin(), file: "plugins/trust.lua")
    #expect(try plugin.themes(of: "No TIME, my Manager is busy!") == [0, 1])
    #expect(try plugin.themes(of: "Sometimes the managerial tone...") == [])
    #expect(try plugin.themes(of: "") == [])
  }

  func classifying(_ body: String) throws -> Plugin {
    try Plugin(source: voicePlugin(extra: "classify = function(comment)\n      \(body)\n    end,"), file: "plugins/trust.lua")
  }

  @Test func classifyReturnsThemeIds() throws {
    let plugin = try classifying("if comment:find('learn') then return { 'boss', 'time', 'boss' } end return nil")
    #expect(try plugin.themes(of: "I want to learn") == [0, 1])
    #expect(try plugin.themes(of: "nothing") == [])
  }

  @Test(arguments: [
    ("return { 'tiem' }", "plugins/trust.lua:13: 'classify' returned unknown theme 'tiem' (did you mean 'time'?)"),
    ("return 3", "plugins/trust.lua:13: 'classify' must return a list of theme ids"),
    ("return { 1 }", "'classify' returned a number in its list"),
    ("return { time = true }", "must return a list of theme ids such as { \"time\" }, or nil (returned a table with named fields)"),
    ("error('no model')", "plugins/trust.lua:14: no model"),
    ("while true do end", "classify"),
  ])
  func classifyMistakesNameThePluginFileAndLine(body: String, expected: String) throws {
    let plugin = try Plugin(
      source: voicePlugin(extra: "classify = function(comment)\n      \(body)\n    end,"), file: "plugins/trust.lua",
      limits: .init(memoryBytes: 8 << 20, timePerCall: .milliseconds(200)))
    do {
      _ = try plugin.themes(of: "a comment")
      Issue.record("classify accepted: \(body)")
    } catch {
      #expect(error.description.contains(expected), "\(error.description)")
    }
  }

  @Test func classifyWithoutThemesIsAContractProblem() {
    let source = voicePlugin(extra: "classify = function(c) return nil end,").replacingOccurrences(of: "themes = {", with: "_themes = {")
    #expect(contractProblems(source).contains { $0.contains("'classify' returns theme ids, so the plugin needs 'themes'") })
  }

  @Test func theContractListsTypeThemesAndClassify() {
    #expect(PluginContract.plugin.fields.map(\.name).contains("themes"))
    #expect(PluginContract.plugin.fields.map(\.name).contains("classify"))
    #expect(PluginContract.shapes.first { $0.name == "cultivar.Item" }!.fields.map(\.name).contains("type"))
    #expect(APIReference.pluginTable.contains("#### `cultivar.Theme`"))
  }
}
