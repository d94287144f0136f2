import Testing

@testable import SurveyIO

@Suite struct SurveyLoaderTests {
  @Test func readsAFullSurvey() throws {
    let survey = try SurveyLoader.parse(
      """
      id: pulse
      title: Pulse
      frameworks:
        - senge
        - id: safety
          items: [ps1, ps2]
      columns:
        respondent: rid
        team: unit
        ignore: [when]
      min_group_size: 7
      """, file: "surveys/pulse.yaml")
    #expect(survey.id == "pulse")
    #expect(survey.frameworks.map(\.id) == ["senge", "safety"])
    #expect(survey.frameworks[1].items == ["ps1", "ps2"])
    #expect(survey.frameworks[1].line == 5)
    #expect(survey.respondentColumn == "rid")
    #expect(survey.teamColumn == "unit")
    #expect(survey.ignoredColumns == ["when"])
    #expect(survey.minGroupSize == 7)
  }

  @Test func defaults() throws {
    let survey = try SurveyLoader.parse("id: a\ntitle: A\nframeworks: [x]\n", file: "s.yaml")
    #expect(survey.minGroupSize == 5)
    #expect(survey.teamColumn == "team")
    #expect(survey.respondentColumn == "respondent_id")
  }

  struct Case: Sendable, CustomTestStringConvertible {
    let yaml: String
    let expected: String
    var testDescription: String { expected }
  }

  static let cases: [Case] = [
    Case(yaml: "id: a\ntitle: A\nframework: [x]\n", expected: "s.yaml:3: error: unknown key 'framework' in the survey (did you mean 'frameworks'?)"),
    Case(
      yaml: "id: a\ntitle: A\nframeworks: [x]\nmin_group_size: many\n",
      expected: "s.yaml:4: error: 'min_group_size' must be a whole number of at least 1 (got 'many')"),
    Case(
      yaml: "id: a\ntitle: A\nframeworks: [x]\nmin_group_size: 2\n",
      expected: "s.yaml:4: error: 'min_group_size' below 3 cannot protect anonymity (got 2)"),
    Case(yaml: "title: A\nframeworks: [x]\n", expected: "s.yaml: error: 'id' is missing"),
    Case(yaml: "id: a\ntitle: A\nframeworks: [x, x]\n", expected: "s.yaml:3: error: framework 'x' is listed twice"),
    Case(
      yaml: "id: a\ntitle: A\nframeworks: [x]\ncolumns:\n  teem: unit\n",
      expected: "s.yaml:5: error: unknown key 'teem' in the columns (did you mean 'team'?)"),
    Case(yaml: "id: a\ntitle: [A\n", expected: "s.yaml:3: error: invalid YAML"),
    Case(yaml: "id: a\ntitle: A\n", expected: "s.yaml: error: the survey names no frameworks"),
  ]

  @Test(arguments: cases) func problemsNameTheLine(_ c: Case) {
    do {
      _ = try SurveyLoader.parse(c.yaml, file: "s.yaml")
      Issue.record("no error for \(c.yaml)")
    } catch {
      #expect(String(describing: error).hasPrefix(c.expected), "got: \(error)")
    }
  }

  @Test func everyProblemIsListed() {
    #expect(throws: InputProblems.self) { try SurveyLoader.parse("idd: a\ntitel: A\n", file: "s.yaml") }
    do {
      _ = try SurveyLoader.parse("idd: a\ntitel: A\n", file: "s.yaml")
    } catch let problems as InputProblems {
      #expect(problems.problems.count >= 4)
    } catch {}
  }
}
