import SurveyModel
import Testing

@testable import PluginHost

/// The valid test plugin with a multi-select item `formats` (3 options) and `extra` fields.
private func withMulti(_ extra: String) -> String {
  pluginSource().replacingOccurrences(
    of: "dimension = 'voice', reverse = true },",
    with:
      "dimension = 'voice', reverse = true },\n    { id = 'formats', type = 'multi', text = 'Which?', options = { { id = 'a', label = 'A' }, { id = 'b', label = 'B' }, { id = 'c', label = 'C' } } },"
  ).replacingOccurrences(of: "  api = 1,", with: "  api = 1,\n" + extra)
}

/// `count_of`: the number of options a respondent chose in a multi-select item, as a measure.
@Suite struct CountMeasureContractTests {
  @Test func aCountOfAMultiSelectIsAMeasureFromZeroToItsOptions() throws {
    let f = try Plugin(
      source: withMulti("  measures = { { id = 'ways', name = 'Ways', count_of = 'formats', at_least = 2 } },"), file: "plugins/trust.lua"
    )
    .framework
    #expect(f.measures == [Measure(id: "ways", name: "Ways", source: .countOf("formats"), min: 0, max: 3, atLeast: 2)])
  }

  @Test func anIndexRuleMayReadTheCountInline() throws {
    let f = try Plugin(source: withMulti("  index_by = { rule = 'person_mean', count_of = 'formats' },"), file: "plugins/trust.lua").framework
    #expect(f.measures == [Measure(id: "person_mean", name: "Options chosen in formats", source: .countOf("formats"), min: 0, max: 3)])
    #expect(f.indexRange == 0...3)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    let extra: String
    let problem: String
    var testDescription: String { problem }
  }

  static let cases: [Case] = [
    Case(
      extra: "  measures = { { id = 'ways', name = 'Ways', count_of = 'q1' } },",
      problem:
        "measure 'ways': 'count_of' must name one of the plugin's multi-select items (type = \"multi\"): formats (got 'q1')"),
    Case(
      extra: "  measures = { { id = 'ways', name = 'Ways', count_of = 'format' } },",
      problem: "(got 'format') (did you mean 'formats'?)"),
    Case(extra: "  measures = { { id = 'ways', name = 'Ways', count_of = 3 } },", problem: "(got number)"),
    Case(
      extra: "  measures = { { id = 'ways', name = 'Ways', count_of = 'formats', item = 'q1' } },",
      problem: "measure 'ways' gives 'item' and 'count_of': give one source"),
    Case(
      extra: "  measures = { { id = 'ways', name = 'Ways', count_of = 'formats', min = 0, max = 9 } },",
      problem: "measure 'ways' counts the options chosen in 'formats' (0–3); 'min' and 'max' are for measures the score hook computes"),
    Case(
      extra: "  index_by = { rule = 'pooled', count_of = 'formats' },",
      problem: "the pooled rule pools every answer to every item; remove 'item', 'dimension', 'count_of' or 'measure'"),
  ]

  @Test(arguments: cases) func mistakesAreNamedWithTheirLine(_ c: Case) {
    let problems = contractProblems(withMulti(c.extra))
    #expect(problems.contains { $0.hasPrefix("plugins/trust.lua:") && $0.contains(c.problem) }, "got: \(problems)")
  }

  @Test func aPluginWithoutMultiSelectsSaysSo() {
    let problems = contractProblems(
      pluginSource().replacingOccurrences(of: "  api = 1,", with: "  api = 1,\n  measures = { { id = 'ways', name = 'Ways', count_of = 'q1' } },"))
    #expect(problems.contains { $0.contains("(type = \"multi\"), and the plugin has none (got 'q1')") }, "got: \(problems)")
  }
}
