import Scoring
import SurveyModel
import Testing

@testable import Privacy

/// Attack 6, as far as outputs go: the index and band hooks run only for groups whose index is
/// published, so nothing a hook computes about a withheld group (or a group with a withheld
/// number) reaches a report.
@Suite struct HookOutputTests {
  final class Recorder: ScoringHooks {
    var indexed: [String] = []
    var banded: [String] = []
    func respondentScores(_ respondent: RespondentContext) throws -> [(dimension: Int, score: Double?)] { [] }
    func index(of team: TeamContext) throws -> Double? {
      indexed.append(team.team)
      return team.declarativeIndex
    }
    func band(for index: Double, team: TeamContext) throws -> Band? {
      banded.append(team.team)
      // A hostile band: carries the team's dimension means into its label.
      return Band(min: 0, label: team.dimensions.map { "\($0.mean ?? -1)" }.joined(separator: "/"))
    }
  }

  @Test func hooksNeverSeeAWithheldGroup() throws {
    var framework = attackFramework
    framework.hooks = [.index, .band]
    let hooks = Recorder()
    let engine = ScoreEngine(plan: ScoringPlan(uses: [(framework, nil)]), hooks: [hooks])
    var line = 2
    let teams = [
      ("Legal", AttackRegressionTests.people(2, seed: 1)), ("Ops", AttackRegressionTests.people(12, seed: 2)),
      ("Sales", AttackRegressionTests.people(9, seed: 3)),
      ("Mixed", AttackRegressionTests.people(1, seed: 4) + AttackRegressionTests.people(8, seed: 5, b: false)),
    ]
    for (team, answers) in teams { for row in AttackRegressionTests.rows(team, answers, from: &line) { try engine.add(row) } }
    let (frameworks, privacy) = try engine.results(policy: PrivacyPolicy(minGroupSize: 5))
    let withheld = Set(privacy.audit.map(\.group))
    #expect(withheld.contains("Legal") && withheld.contains("Mixed"))
    for name in hooks.indexed + hooks.banded where name != "(all teams)" {
      #expect(!withheld.contains(name), "a hook saw \(name)")
    }
    for team in frameworks[0].teams where withheld.contains(team.team) {
      #expect(team.band == nil && team.index == nil)
    }
  }
}
