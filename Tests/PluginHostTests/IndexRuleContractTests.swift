import Scoring
import SurveyModel
import Testing

@testable import PluginHost

/// The valid test plugin with `extra` fields after `api` (they start at line 3).
private func withRules(_ extra: String) -> String {
  pluginSource().replacingOccurrences(of: "  api = 1,", with: "  api = 1,\n" + extra)
}

@Suite struct IndexRuleContractTests {
  @Test func eachNamedRuleLoadsInOneLine() throws {
    let nps = try Plugin(source: withRules("  index_by = { rule = 'nps', item = 'q1' },"), file: "plugins/trust.lua").framework
    #expect(nps.indexDefinition == IndexDefinition(rule: .nps, measure: "nps"))
    #expect(nps.measures == [Measure(id: "nps", name: "Answer to q1", source: .item("q1"), min: 1, max: 5, atLeast: 9, atMost: 6)])
    #expect(nps.indexLabel == "eNPS" && nps.indexRange == -100...100)
    #expect(nps.scoringRules.index == nps.indexDefinition && nps.scoringRules.indexMeasure == nps.measures.first)
    let positive = try Plugin(source: withRules("  index_by = { rule = 'share_positive', at_least = 3.5 },"), file: "plugins/trust.lua").framework
    #expect(positive.measures.first?.source == .allItems && positive.measures.first?.atLeast == 3.5)
    let pooled = try Plugin(source: withRules("  index_by = { rule = 'pooled' },"), file: "plugins/trust.lua").framework
    #expect(pooled.indexDefinition?.rule == .pooled && pooled.indexRange == 0...100)
    let person = try Plugin(source: withRules("  index_by = { rule = 'person_mean', dimension = 'trust' },"), file: "plugins/trust.lua").framework
    #expect(person.measures.first?.source == .dimensions(["trust"]) && person.indexRange == 1...5)
    let weighted = try Plugin(
      source: withRules("  index_by = { rule = 'pomp_mean', weights = { voice = 2, trust = 1 } },"), file: "plugins/trust.lua"
    ).framework
    #expect(weighted.indexDefinition?.weights.map(\.dimension) == ["trust", "voice"])
    #expect(weighted.indexDefinition?.weights.map(\.weight) == [1, 2])
  }

  @Test func measuresItemsInSeveralDimensionsAndShareMinimaLoad() throws {
    let source = withRules(
      """
        measures = { { id = 'own', name = 'Own mean', all_items = true, at_least = 3.5 }, { id = 'net', name = 'Net', min = -4, max = 4 } },
        score = function(r) return { net = (r.keyed.q1 or 3) - 3 } end,
        score_rule = 'net = q1 - 3',
        min_answered = 0.5,
      """
    ).replacingOccurrences(of: "dimension = 'voice', reverse", with: "dimension = { 'voice', 'trust' }, reverse")
    let f = try Plugin(source: source, file: "plugins/trust.lua").framework
    #expect(f.measures.map(\.id) == ["own", "net"] && f.measures[1].source == .hook && f.measures[1].min == -4)
    #expect(f.items[1].dimension == "voice" && f.items[1].otherDimensions == ["trust"])
    #expect(f.dimensions.allSatisfy { $0.minimumAnswered == .share(0.5) })
    #expect(f.scoringRules.scoreHook && f.scoringRules.scoreHookText == "net = q1 - 3")
    #expect(f.scoringRules.hasSharedItems && f.scoringRules.measures == f.measures)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    let extra: String
    let problem: String
    var testDescription: String { problem }
  }

  static let cases: [Case] = [
    Case(
      extra: "  index_by = { rule = 'nsp', item = 'q1' },",
      problem:
        "plugins/trust.lua:3: 'index_by': 'rule' must be one of pomp_mean, pooled, person_mean, share_positive, nps (got 'nsp') (did you mean 'nps'?)"
    ),
    Case(extra: "  index_by = { rule = 'share_positive' },", problem: "plugins/trust.lua:3: 'index_by': the share_positive rule needs 'at_least'"),
    Case(
      extra: "  index_by = { rule = 'nps', item = 'q9' },",
      problem: "plugins/trust.lua:3: 'index_by': 'item' must name one of the plugin's items (got 'q9')"),
    Case(
      extra: "  index_by = { rule = 'pooled', item = 'q1' },",
      problem: "plugins/trust.lua:3: 'index_by': the pooled rule pools every answer to every item"),
    Case(
      extra: "  index_by = { rule = 'pomp_mean', weights = { trust = -1 } },", problem: "the weight of 'trust' must be a positive number (got -1)"),
    Case(
      extra: "  index_by = { rule = 'pomp_mean', weights = { trsut = 1 } },",
      problem: "'weights' names unknown dimension 'trsut' (did you mean 'trust'?)"),
    Case(extra: "  index_by = { rule = 'pooled', colour = 1 },", problem: "'index_by': unknown field 'colour'"),
    Case(
      extra: "  index_by = { rule = 'pooled' },\n  index = function(t) return 1 end,",
      problem: "'index_by' and an 'index' hook both define the index: keep one"),
    Case(
      extra: "  index_by = { rule = 'pooled' },\n  index_range = { 0, 10 },",
      problem: "plugins/trust.lua:4: 'index_range' is fixed by the rule of 'index_by' (0–100): remove 'index_range'"),
    Case(extra: "  index_range = { 10, 0 },", problem: "plugins/trust.lua:3: 'index_range' must be { lowest, highest }"),
    Case(extra: "  index_range = { 0, 1/0 },", problem: "'index_range' must be { lowest, highest }, two finite numbers"),
    Case(
      extra: "  measures = { { id = 'trust', name = 'T', item = 'q1' } },",
      problem: "measure 'trust': the id is already used by a dimension or measure"),
    Case(
      extra: "  measures = { { id = 'x', name = 'X' } },",
      problem: "measure 'x' names no 'item', 'dimension' or 'all_items', so the score hook must compute it, but the plugin has no 'score' hook"),
    Case(
      extra: "  measures = { { id = 'x', name = 'X' } },\n  score = function(r) return nil end,",
      problem: "measure 'x' is computed by the score hook and needs its range: numbers 'min' and 'max'"),
    Case(
      extra: "  measures = { { id = 'x', name = 'X', item = 'q1', dimension = 'trust' } },",
      problem: "measure 'x' gives 'item' and 'dimension': give one source"),
    Case(
      extra: "  measures = { { id = 'x', name = 'X', item = 'q1', min = 0, max = 9 } },", problem: "measure 'x' takes its range from the scale (1–5)"),
    Case(extra: "  measures = { { id = 'x', name = 'X', all_items = 'yes' } },", problem: "measure 'x': 'all_items' must be true (got string)"),
    Case(
      extra: "  measures = { { id = 'x', name = 'X', dimension = { 'trust', 'voyce' } } },",
      problem: "measure 'x' names unknown dimension 'voyce' (did you mean 'voice'?)"),
    Case(
      extra: "  measures = { { id = 'x', name = 'X', all_items = true, at_least = 0/0 } },",
      problem: "plugins/trust.lua:3: measure 'x': 'at_least' must be a finite number (got nan)"),
    Case(extra: "  measures = { { id = 'x', name = 'X', all_items = true, weight = 2 } },", problem: "measure 'x': unknown field 'weight'"),
    Case(extra: "  min_answered = 1.5,", problem: "'min_answered' must be a whole number of at least 1, or a share"),
    Case(extra: "  score_rule = 'doubles q1',", problem: "'score_rule' describes a 'score' hook, but the plugin has none"),
  ]

  @Test(arguments: cases) func brokenRulesAreReportedAtTheirLine(_ c: Case) {
    let problems = contractProblems(withRules(c.extra))
    #expect(problems.contains { $0.contains(c.problem) }, "got: \(problems)")
  }

  @Test func aDimensionMinimumMustBeACountOrAShare() {
    let source = pluginSource().replacingOccurrences(
      of: "{ id = 'voice', name = 'Voice' }", with: "{ id = 'voice', name = 'Voice', min_answered = 0 }")
    #expect(
      contractProblems(source).contains {
        $0.contains("dimension 'voice': 'min_answered' must be a whole number of items (at least 1) or a share of the items between 0 and 1")
      })
  }

  @Test func anItemListingAnUnknownOrRepeatedDimensionIsRefused() {
    let unknown = pluginSource().replacingOccurrences(of: "dimension = 'voice', reverse", with: "dimension = { 'voice', 'trsut' }, reverse")
    #expect(contractProblems(unknown).contains { $0.contains("item 'q2' names unknown dimension 'trsut' (did you mean 'trust'?)") })
    let twice = pluginSource().replacingOccurrences(of: "dimension = 'voice', reverse", with: "dimension = { 'voice', 'voice' }, reverse")
    #expect(contractProblems(twice).contains { $0.contains("item 'q2' lists a dimension twice") })
  }

  @Test func theScoreHookGivesHookMeasuresWithinTheirRange() throws {
    let plugin = try Plugin(
      source: withRules(
        """
          measures = { { id = 'net', name = 'Net', min = -4, max = 4 } },
          score = function(r) return { net = r.keyed.q1 * 2 } end,
        """), file: "plugins/trust.lua")
    // q1 = 4 → net 8, outside -4–4.
    do {
      _ = try plugin.respondentScores(respondent)
      Issue.record("no error")
    } catch let error as PluginError {
      #expect(
        error.description.contains("plugins/trust.lua:4: 'score' returned 8 for measure 'net', outside its range -4–4"), "got: \(error.description)")
    }
    let ok = try Plugin(
      source: withRules(
        """
          measures = { { id = 'net', name = 'Net', min = -4, max = 8 } },
          score = function(r) return { net = r.keyed.q1 * 2 } end,
        """), file: "plugins/trust.lua")
    #expect(try ok.respondentScores(respondent).map(\.dimension) == [2])
  }

  @Test func theIndexHookSeesMeasuresAndKeepsToTheDeclaredRange() throws {
    let plugin = try Plugin(
      source: withRules(
        """
          measures = { { id = 'own', name = 'Own', all_items = true, at_least = 4 } },
          index_range = { 0, 10 },
          index_label = 'score out of 10',
          index = function(t) return t.measures.own.at_least / 10 + t.measures.own.n end,
        """), file: "plugins/trust.lua")
    #expect(plugin.framework.indexLabel == "score out of 10" && plugin.framework.publishedIndexRange == 0...10)
    let team = TeamContext(
      team: "Ops", n: 3, dimensions: [], declarativeIndex: nil,
      measures: [MeasureScore(id: "own", n: 3, mean: 3.5, atLeast: 50)])
    #expect(try plugin.index(of: team) == 8)
    let big = TeamContext(team: "Ops", n: 9, dimensions: [], declarativeIndex: nil, measures: [MeasureScore(id: "own", n: 9, atLeast: 50)])
    #expect(throws: PluginError.self) { try plugin.index(of: big) }
    do { _ = try plugin.index(of: big) } catch let error as PluginError {
      #expect(
        error.description.contains("'index' returned 14: an index must be a number from 0 to 10 (its declared index_range)"),
        "got: \(error.description)")
    }
  }

  @Test func anIndexHookWithoutADeclaredRangeKeepsTheAPI1Range() throws {
    let plugin = try Plugin(source: withRules("  index = function(t) return -80 end,"), file: "plugins/trust.lua")
    #expect(try plugin.index(of: TeamContext(team: "Ops", n: 3, dimensions: [], declarativeIndex: nil)) == -80)
    #expect(plugin.framework.publishedIndexRange == nil && plugin.framework.indexRange == -100...100)
  }

  @Test func theTeamMeasureTableHoldsExactlyTheDocumentedFields() throws {
    let plugin = try Plugin(
      source: withRules(
        """
          measures = { { id = 'own', name = 'Own', all_items = true, at_least = 4, at_most = 2 } },
          index = function(t)
            local keys = {}
            for k in pairs(t.measures.own) do keys[#keys + 1] = k end
            table.sort(keys)
            error('keys:' .. table.concat(keys, ','), 0)
          end,
        """), file: "plugins/trust.lua")
    let team = TeamContext(
      team: "Ops", n: 3, dimensions: [], declarativeIndex: nil,
      measures: [MeasureScore(id: "own", n: 3, mean: 3, sd: 1, sum: 9, atLeast: 50, atMost: 10, pooled: 3.1)])
    let documented = PluginContract.shapes.first { $0.name == "cultivar.TeamMeasure" }!.fields.map(\.name).sorted()
    do {
      _ = try plugin.index(of: team)
      Issue.record("no error")
    } catch let error as PluginError {
      #expect(error.description.contains("keys:" + documented.joined(separator: ",")), "got: \(error.description)")
    }
  }
}
