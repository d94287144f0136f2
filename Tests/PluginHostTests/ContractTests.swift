import SurveyModel
import Testing

@testable import PluginHost

/// A valid plugin, field by field, so each test can break one field.
let validFields: [(String, String)] = [
  ("api", "1"),
  ("id", "'trust'"),
  ("name", "'Trust'"),
  ("version", "'1.0.0'"),
  ("description", "'How much people trust each other.'"),
  ("source", "'Original work.'"),
  ("scale", "{ min = 1, max = 5, labels = { 'a', 'b', 'c', 'd', 'e' } }"),
  ("dimensions", "{ { id = 'trust', name = 'Trust' }, { id = 'voice', name = 'Voice' } }"),
  (
    "items",
    "{\n    { id = 'q1', text = 'I trust my team.', dimension = 'trust' },\n    { id = 'q2', text = 'I speak up.', dimension = 'voice', reverse = true },\n  }"
  ),
]

func pluginSource(replacing field: String? = nil, with value: String? = nil) -> String {
  let lines = validFields.compactMap { name, text -> String? in
    if name == field { return value.map { "  \(name) = \($0)," } }
    return "  \(name) = \(text),"
  }
  return "return {\n" + lines.joined(separator: "\n") + "\n}\n"
}

func contractProblems(_ source: String) -> [String] {
  do {
    _ = try Plugin(source: source, file: "plugins/trust.lua")
    return []
  } catch {
    return error.kind == .contract ? error.problems : ["\(error.kind): \(error.problems)"]
  }
}

@Suite struct ContractTests {
  @Test func validPluginLoads() throws {
    let plugin = try Plugin(source: pluginSource(), file: "plugins/trust.lua")
    #expect(plugin.framework.id == "trust")
    #expect(plugin.framework.items.map(\.reverse) == [false, true])
    #expect(plugin.framework.scale.labels.count == 5)
    #expect(plugin.framework.hooks.isEmpty)
  }

  static let requiredFields = validFields.map(\.0)

  @Test(arguments: requiredFields) func eachRequiredFieldMissing(_ field: String) {
    let problems = contractProblems(pluginSource(replacing: field, with: nil))
    #expect(problems.contains { $0.contains("'\(field)'") }, "got: \(problems)")
    #expect(problems.allSatisfy { $0.hasPrefix("plugins/trust.lua") })
  }

  @Test(arguments: requiredFields) func eachRequiredFieldOfTheWrongType(_ field: String) {
    let problems = contractProblems(pluginSource(replacing: field, with: "true"))
    #expect(!problems.isEmpty && problems.contains { $0.contains(field) }, "got: \(problems)")
  }

  struct Case: Sendable, CustomTestStringConvertible {
    let field: String
    let value: String
    let problem: String
    var testDescription: String { problem }
  }

  static let cases: [Case] = [
    Case(
      field: "items", value: "{ { id = 'q1', text = 'x', dimension = 'trsut' }, { id = 'q2', text = 'y', dimension = 'voice' } }",
      problem: "plugins/trust.lua:10: item 'q1' names unknown dimension 'trsut' (did you mean 'trust'?)"),
    Case(
      field: "items", value: "{ { id = 'q1', text = 'x', dimension = 'trust' }, { id = 'q1', text = 'y', dimension = 'voice' } }",
      problem: "item 'q1' is declared twice (first at line"),
    Case(
      field: "items", value: "{ { id = 'q1', text = 'x', dimension = 'trust', reverse = 'yes' }, { id = 'q2', text = 'y', dimension = 'voice' } }",
      problem: "item 'q1': 'reverse' must be true or false (got the text \"yes\"): write reverse = true, without quotes"),
    Case(
      field: "items", value: "{ { id = 'q1', text = 'x', dimension = 'trust', reverse = 'true' }, { id = 'q2', text = 'y', dimension = 'voice' } }",
      problem: "item 'q1': 'reverse' must be the boolean true, not the text \"true\": remove the quotes"),
    Case(
      field: "items", value: "{ { id = 'q1', text = 'x', dimension = 'trust', reverse = 7 }, { id = 'q2', text = 'y', dimension = 'voice' } }",
      problem: "item 'q1': 'reverse' must be true or false (got number)"),
    Case(
      field: "items", value: "{ { id = 'q1', text = 'x', dimension = 'trust' } }",
      problem: "dimension 'voice' has no items"),
    Case(field: "scale", value: "{ min = 5, max = 1 }", problem: "'scale.min' (5) must be below 'scale.max' (1)"),
    Case(field: "scale", value: "{ min = 1, max = 5, labels = { 'a', 'b' } }", problem: "'scale.labels' has 2 labels but the scale 1–5 has 5 points"),
    Case(
      field: "scale", value: "{ min = 1, max = 5, favorable = { 6 } }", problem: "'scale.favorable' must be a list of scale points between 1 and 5"),
    Case(field: "api", value: "2", problem: "the plugin needs plugin API 2 but this cultivar provides 1: upgrade cultivar"),
    Case(field: "id", value: "'Trust Index'", problem: "'id' may hold only lowercase letters"),
    Case(
      field: "dimensions", value: "{ { id = 'trust', name = 'Trust' }, { id = 'trust', name = 'Again' }, { id = 'voice', name = 'Voice' } }",
      problem: "dimension 'trust' is declared twice"),
    Case(field: "version", value: "'1'\n  , dimesions = {}", problem: "plugins/trust.lua:6: unknown field 'dimesions' (did you mean 'dimensions'?)"),
    Case(field: "name", value: "'T', score = 3", problem: "'score' must be a function (got number)"),
    Case(
      field: "dimensions", value: "{ { id = 'trust', name = 'Trust', benchmark = 171 }, { id = 'voice', name = 'Voice' } }",
      problem: "dimension 'trust': 'benchmark' must be between 0 and 100 (got 171)"),
    Case(
      field: "dimensions", value: "{ { id = 'trust', name = 'Trust' }, { id = 'voice', name = 'Voice', advice_above = 'high' } }",
      problem: "dimension 'voice': 'advice_above' must be a number between 0 and 100 (got string)"),
  ]

  @Test func adviceAboveAndBenchmarkAreRead() throws {
    let source = pluginSource(
      replacing: "dimensions",
      with: """
        { { id = 'trust', name = 'Trust', benchmark = 71, advice = 'x' },
          { id = 'voice', name = 'Voice', advice = 'y', advice_above = 60 },
          { id = 'both', name = 'Both', advice = 'z', advice_above = 80, advice_below = 20 } }
        """
    ).replacingOccurrences(
      of: "dimension = 'voice', reverse = true },", with: "dimension = 'voice', reverse = true },\n    { id = 'q3', text = 'z', dimension = 'both' },"
    )
    let dimensions = try Plugin(source: source, file: "plugins/trust.lua").framework.dimensions
    #expect(dimensions.map(\.benchmark) == [71, nil, nil])
    #expect(dimensions.map(\.adviceAbove) == [nil, 60, 80])
    #expect(dimensions.map(\.adviceBelow) == [50, -.infinity, 20])
    #expect(dimensions.map { $0.adviceApplies(toPOMP: 10) } == [true, false, true])
    #expect(dimensions.map { $0.adviceApplies(toPOMP: 70) } == [false, true, false])
    #expect(dimensions.map { $0.adviceApplies(toPOMP: 90) } == [false, true, true])
  }

  @Test(arguments: cases) func problemsInPlainWords(_ c: Case) {
    let problems = contractProblems(pluginSource(replacing: c.field, with: c.value))
    #expect(problems.contains { $0.contains(c.problem) }, "got: \(problems)")
  }

  @Test func everyProblemIsListedAtOnce() {
    let problems = contractProblems("return { api = 1, id = 'x' }")
    #expect(problems.count >= 7)
  }

  @Test func pluginMustReturnATable() {
    #expect(
      contractProblems("return 42") == [
        "plugins/trust.lua:1: the file must end with `return { ... }`, the table that describes the framework (or `return framework` when the table is in a local): it returns a number"
      ])
  }

  @Test func syntaxErrorsNameTheLine() {
    do {
      _ = try Plugin(source: "return {\n  id = 'x'\n  name = 'y'\n}", file: "plugins/broken.lua")
      Issue.record("loaded")
    } catch {
      #expect(error.kind == .syntax)
      #expect(error.description.contains("plugins/broken.lua:3:"))
    }
  }

  @Test func requireAPIStopsOldHosts() {
    do {
      _ = try Plugin(source: "cultivar.require_api(3)\n" + pluginSource(), file: "plugins/new.lua")
      Issue.record("loaded")
    } catch {
      #expect(error.problems.first?.hasPrefix("plugins/new.lua:1: this plugin needs plugin API 3 but this cultivar provides 1") == true)
    }
  }
}
