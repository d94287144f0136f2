import SurveyModel
import Testing

@testable import Comparison

@Suite struct TeamSelectionTests {
  let known = ["Sales", "Engineering", "Legal", "Finance"]
  let privacy = PrivacySummary(minGroupSize: 5, rule: "", suppressed: [SuppressedGroup(team: "Legal", n: 3, reason: .belowMinimum)])

  @Test func everyTeamByNameAgainstTheRestOfTheOrganisation() throws {
    let selection = try TeamSelection(teams: nil, baseline: "org", known: known, privacy: privacy)
    #expect(selection.shown == ["Engineering", "Finance", "Legal", "Sales"])
    #expect(selection.baseline == .restOfOrganisation)
    #expect(try TeamSelection(teams: nil, baseline: "ORG", known: known, privacy: privacy).baseline == .restOfOrganisation)
  }

  @Test func teamsInTheOrderGivenBaselineFirstNoDuplicates() throws {
    let selection = try TeamSelection(teams: ["Sales", "Legal", "Sales"], baseline: "Finance", known: known, privacy: privacy)
    #expect(selection.shown == ["Finance", "Sales", "Legal"])
    #expect(selection.baseline == .team("Finance"))
  }

  struct BadCase: Sendable {
    var teams: [String]?
    var baseline: String
    var message: String
  }

  @Test(arguments: [
    BadCase(teams: ["Enginering"], baseline: "org", message: "error: unknown team 'Enginering' in --teams (did you mean 'Engineering'?)"),
    BadCase(teams: nil, baseline: "Slaes", message: "error: unknown team 'Slaes' in --baseline (did you mean 'Sales'?)"),
    BadCase(teams: nil, baseline: "orgg", message: "unknown team 'orgg' in --baseline (did you mean 'org'?)"),
    BadCase(
      teams: nil, baseline: "Legal",
      message: "error: team 'Legal' cannot be the baseline: its scores are withheld because it has fewer than 5 respondents"),
    BadCase(teams: [], baseline: "org", message: "error: --teams names no team"),
  ])
  func badRequests(_ c: BadCase) {
    do {
      _ = try TeamSelection(teams: c.teams, baseline: c.baseline, known: known, privacy: privacy)
      Issue.record("expected an error")
    } catch {
      #expect(String(describing: error).contains(c.message), "\(error)")
      #expect(String(describing: error).contains("hint:"))
    }
  }
}
