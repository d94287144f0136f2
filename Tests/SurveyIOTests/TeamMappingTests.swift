import SurveyModel
import Testing

@testable import SurveyIO

@Suite struct TeamMappingTests {
  static let head = """
    id: s
    title: S
    frameworks: [f]

    """

  func load(_ mapping: String) throws -> SurveyDefinition {
    try SurveyLoader.parse(Self.head + mapping, file: "s.yaml")
  }

  func problems(_ mapping: String) -> [String] {
    do {
      _ = try load(mapping)
      return []
    } catch let error as InputProblems {
      return error.problems.map(\.description)
    } catch {
      return ["\(error)"]
    }
  }

  @Test func renamedMergedAndSplitTeamsAreFollowed() throws {
    let survey = try load(
      """
      team_mapping:
        renamed:
          Support: Customer Care
          Customer Care: Customer Experience
        merged:
          Sales: [Sales EMEA, Sales Americas]
        split:
          Engineering: [Platform, Product Engineering]
      """)
    let mapping = survey.teamMapping
    #expect(mapping.canonical("Support") == "Customer Experience")
    #expect(mapping.canonical("Customer Care") == "Customer Experience")
    #expect(mapping.canonical("Sales EMEA") == "Sales")
    #expect(mapping.canonical("Platform") == "Engineering")
    #expect(mapping.canonical("Legal") == "Legal")
    #expect(mapping.rules.map(\.summary).contains("'Sales EMEA' and 'Sales Americas' counted as 'Sales' (merged)"))
  }

  @Test(arguments: [
    ("team_mapping:\n  renamd:\n    A: B\n", "s.yaml:5: error: unknown key 'renamd' in the team_mapping (did you mean 'renamed'?)"),
    ("team_mapping:\n  renamed:\n    A: [B, C]\n", "s.yaml:6: error: a renamed team maps its old name to one new name"),
    ("team_mapping:\n  merged:\n    A: B\n", "s.yaml:6: error: 'A' must list the teams it was merged from"),
    ("team_mapping:\n  renamed:\n    A: B\n  split:\n    C: [A, D]\n", "s.yaml:8: error: team 'A' is already mapped on line 6"),
    ("team_mapping:\n  renamed:\n    A: B\n    B: A\n", "error: the team mapping goes round in a circle through 'A'"),
    ("team_mapping: [A, B]\n", "s.yaml:4: error: 'team_mapping' must be a mapping"),
    ("team_mapping:\n  renamed:\n    A: A\n", "s.yaml:6: error: team 'A' is renamed to itself"),
  ])
  func badMappingsAreReportedWithTheirLine(yaml: String, expected: String) {
    let found = problems(yaml)
    #expect(found.contains { $0.contains(expected) }, "\(found)")
  }
}
