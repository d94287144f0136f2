import SurveyModel
import Testing

@testable import PluginHost

/// A valid plugin with one choice item (line 12, its options from line 14) on a 0–1 scale;
/// each test breaks one part. (`contractProblems` loads it as plugins/trust.lua.)
func choicePlugin(
  options: String = "{ id = 'a', label = 'Ask what we learned', score = 1 },\n      { id = 'b', label = 'Find who is to blame', score = 0 },",
  itemExtra: String = ""
) -> String {
  """
  return {
    api = 1, id = 'reactions', name = 'Reactions', version = '1.0.0',
    description = 'Instinctive reactions.', source = 'Original work.',
    scale = { min = 0, max = 1 },
    dimensions = {
      { id = 'learning', name = 'Learning' },
    },
    items = {
      { id = 'r0', text = 'A rating.', dimension = 'learning' },
      { id = 'r1', text = 'A rating too.', dimension = 'learning' },
      -- the choice
      { id = 'c1', text = 'A project fails. What happens first?', dimension = 'learning'\(itemExtra),
        options = {
        \(options)
        } },
    },
  }
  """
}

@Suite struct ChoiceContractTests {
  @Test func choiceItemLoadsWithItsOptions() throws {
    let framework = try Plugin(source: choicePlugin(), file: "plugins/reactions.lua").framework
    let choice = try #require(framework.items.last)
    #expect(choice.isChoice)
    #expect(
      choice.options == [
        Item.Option(id: "a", label: "Ask what we learned", score: 1),
        Item.Option(id: "b", label: "Find who is to blame", score: 0),
      ])
    #expect(!framework.items[0].isChoice)
    #expect(framework.hasChoiceItems)
    #expect(framework.scoringRules.hasChoiceItems && !framework.scoringRules.allItemsChoice)
  }

  @Test func threeOptionsWithAMiddleScore() throws {
    let source = choicePlugin(
      options: "{ id = 'a', label = 'Yes', score = 1 }, { id = 'b', label = 'Partly', score = 0.5 }, { id = 'c', label = 'No', score = 0 },")
    #expect(try Plugin(source: source, file: "plugins/reactions.lua").framework.items.last?.options.map(\.score) == [1, 0.5, 0])
  }

  struct Case: Sendable, CustomTestStringConvertible {
    let options: String
    var itemExtra = ""
    let problem: String
    var testDescription: String { problem }
  }

  static let cases: [Case] = [
    Case(options: "{ id = 'a', label = 'Ask', score = 1 },", problem: "plugins/trust.lua:12: item 'c1': a choice needs at least two options (got 1)"),
    Case(
      options: "{ id = 'a', label = 'Ask', score = 2 }, { id = 'b', label = 'Blame', score = 0 },",
      problem: "plugins/trust.lua:14: item 'c1', option 'a': score 2 is outside the scale 0–1; option scores are points of the framework's scale"),
    Case(
      options: "{ id = 'a', label = 'Ask', score = 'high' }, { id = 'b', label = 'Blame', score = 0 },",
      problem: "item 'c1', option 'a' needs a number 'score' (got string)"),
    Case(
      options: "{ id = 'a', score = 1 }, { id = 'b', label = 'Blame', score = 0 },",
      problem: "item 'c1', option 'a' needs a 'label' (the reaction or answer shown to respondents)"),
    Case(
      options: "{ label = 'Ask', score = 1 }, { id = 'b', label = 'Blame', score = 0 },",
      problem: "item 'c1': option #1 needs an 'id' (the code a response file may hold)"),
    Case(
      options: "{ id = 'a', label = 'Ask', scor = 1 }, { id = 'b', label = 'Blame', score = 0 },",
      problem: "plugins/trust.lua:14: item 'c1', option 'a': unknown field 'scor' (did you mean 'score'?)"),
    Case(
      options: "{ id = 'a', label = 'Ask', score = 1 }, { id = 'A', label = 'Blame', score = 0 },",
      problem: "item 'c1': option 'A' is declared twice"),
    Case(
      options: "{ id = 'a', label = 'B', score = 1 }, { id = 'b', label = 'Blame', score = 0 },",
      problem: "item 'c1': options 'a' and 'b' are both answered by 'b'; each id and label must name one option"),
    Case(
      options: "{ id = 'a', label = 'Ask', score = 1 }, { id = 'b', label = ' ask ', score = 0 },",
      problem: "item 'c1': options 'a' and 'b' are both answered by 'ask'; each id and label must name one option"),
    Case(
      options: "{ id = 'a', label = 'Ask', score = 1 }, { id = 'b', label = 'Blame', score = 1 },",
      problem: "item 'c1': every option scores 1, so the answer says nothing; give the options different scores"),
    Case(options: "'Ask', 'Blame',", problem: "item 'c1': option #1 must be a { id = ..., label = ..., score = ... } table (got string)"),
    Case(
      options: "{ id = 'a', label = 'Ask', score = 1 }, { id = 'b', label = 'Blame', score = 0 },", itemExtra: ", reverse = true",
      problem:
        "plugins/trust.lua:12: item 'c1' is a choice and cannot be reverse-keyed: remove 'reverse' and give each option the score it stands for"),
    Case(
      options: "{ id = 'a', label = 'Ask', score = 1 }, { id = 'b', label = 'Blame', score = 0 },", itemExtra: ", option = {}",
      problem: "plugins/trust.lua:12: item 'c1': unknown field 'option' (did you mean 'options'?)"),
  ]

  @Test(arguments: cases) func problemsInPlainWords(_ c: Case) {
    let problems = contractProblems(choicePlugin(options: c.options, itemExtra: c.itemExtra))
    #expect(problems.contains { $0.contains(c.problem) }, "got: \(problems)")
  }

  @Test func optionsMustBeAList() {
    let source = choicePlugin().replacingOccurrences(of: "options = {", with: "options = 'a or b', _x = {")
    let problems = contractProblems(source).joined(separator: "\n")
    #expect(
      problems.contains("item 'c1': 'options' must be a list of { id = ..., label = ..., score = ... } tables, one per option (got string)"),
      "\(problems)")
    let named = choicePlugin(options: "a = { id = 'a', label = 'Ask', score = 1 },")
    #expect(contractProblems(named).joined().contains("(got a table with named fields)"))
  }

  @Test func fieldsOfTheAuthorAreLeftAlone() throws {
    let source = choicePlugin(
      options: "{ id = 'a', label = 'Ask', score = 1, _note = 'Gill' }, { id = 'b', label = 'Blame', score = 0 },",
      itemExtra: ", _source = 'Gill (2014)'")
    #expect(try Plugin(source: source, file: "plugins/reactions.lua").framework.items.count == 3)
  }
}
