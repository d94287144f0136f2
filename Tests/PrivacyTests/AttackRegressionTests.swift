import Foundation
import Scoring
import SurveyModel
import Testing

@testable import Privacy

/// The attacks of issue 12 that work on what a run publishes, each as a test: the attacker
/// gets every format of `score`, `compare` and `trend` (mapped groups) and must recover
/// nothing; with the residual rules off, the same data leaks (so each test can fail).
@Suite struct AttackRegressionTests {
  /// Rows for `team`: `answers[i]` is respondent i's answers (a1, a2, b1, c1, c2), nil = blank.
  static func rows(_ team: String, _ answers: [[Double]], from line: inout Int) -> [ResponseRow] {
    answers.map { values in
      defer { line += 1 }
      return ResponseRow(line: line, respondent: "r\(line)", team: team, values: values)
    }
  }

  static func people(_ n: Int, seed: Int, b: Bool = true) -> [[Double]] {
    (0..<n).map { i in
      let x = Double((i * 7 + seed) % 5 + 1)
      return [x, Double((i + seed) % 5 + 1), b ? Double((i * 3 + seed) % 5 + 1) : .nan, 6 - x, Double((i * 2 + seed) % 5 + 1)]
    }
  }

  static let blank: [Double] = [.nan, .nan, .nan, .nan, .nan]

  func organisation(_ teams: [(String, [[Double]])], mapping: [String: String] = [:], k: Int = 5) -> Organisation {
    var line = 2
    return Organisation(rows: teams.flatMap { Self.rows($0.0, $0.1, from: &line) }, mapping: mapping, threshold: k)
  }

  func expectSafe(_ org: Organisation, leaksWithoutRules: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let found = try org.attack(policy: PrivacyPolicy(minGroupSize: org.threshold))
    #expect(found.isEmpty, "recovered: \(found.map(\.description))", sourceLocation: sourceLocation)
    if leaksWithoutRules {
      let off = try org.attack(policy: PrivacyPolicy(minGroupSize: org.threshold, residualRules: false))
      #expect(!off.isEmpty, "the scenario should leak without the residual rules", sourceLocation: sourceLocation)
    }
  }

  /// Attack 1a: one person answered dimension b in a team of 12 (the team's only manager).
  @Test func aDimensionAnsweredByOnePersonIsWithheld() throws {
    let managers = Self.people(1, seed: 3)
    let others = Self.people(11, seed: 1, b: false)
    let org = organisation([("Ops", managers + others), ("Sales", Self.people(9, seed: 2)), ("Tech", Self.people(10, seed: 4))])
    let out = try org.publish(policy: PrivacyPolicy(minGroupSize: 5))
    let json = try JSONSerialization.jsonObject(with: Data(out.scoreJSON.utf8)) as! [String: Any]
    let teams = (json["frameworks"] as! [[String: Any]])[0]["teams"] as! [[String: Any]]
    let ops = teams.first { $0["team"] as? String == "Ops" }!
    let b = (ops["dimensions"] as! [[String: Any]]).first { $0["id"] as? String == "b" }!
    #expect(b["mean"] == nil && b["suppressed"] as? String == "below_min_respondents")
    #expect(ops["index"] is NSNull)
    try expectSafe(org)
  }

  /// Attack 1b: a hidden team of 4 plus one blank row elsewhere.
  @Test func aBlankRowDoesNotMakeAHiddenTeamRecoverable() throws {
    let org = organisation([("Legal", Self.people(4, seed: 1)), ("Sales", Self.people(9, seed: 2)), ("Ops", Self.people(12, seed: 3) + [Self.blank])])
    try expectSafe(org)
  }

  /// Attack 4: trend's merged "Legal & Finance" minus score's Finance.
  @Test func aMergedGroupMinusAShownTeamRecoversNothing() throws {
    let org = organisation(
      [
        ("Legal", Self.people(4, seed: 1)), ("Finance", Self.people(9, seed: 2)), ("Ops", Self.people(12, seed: 3)),
        ("Sales", Self.people(7, seed: 5)),
      ],
      mapping: ["Legal": "Legal & Finance", "Finance": "Legal & Finance"])
    try expectSafe(org)
  }

  /// Attack 4: a split team (its parts counted as the old team) minus its shown part.
  @Test func aSplitTeamMinusItsShownPartRecoversNothing() throws {
    let org = organisation(
      [
        ("Platform A", Self.people(3, seed: 1)), ("Platform B", Self.people(10, seed: 2)), ("Ops", Self.people(12, seed: 3)),
        ("Web", Self.people(8, seed: 4)),
      ],
      mapping: ["Platform A": "Platform", "Platform B": "Platform"])
    try expectSafe(org)
  }

  /// Attack 4: a team hidden by `score` (to protect a smaller one) is not shown by `trend` under its new name.
  @Test func aRenamedHiddenTeamStaysHidden() throws {
    let org = organisation(
      [("Legal", Self.people(3, seed: 1)), ("Support", Self.people(6, seed: 2)), ("Ops", Self.people(12, seed: 3))],
      mapping: ["Support": "Customer Care"])
    let out = try org.publish(policy: PrivacyPolicy(minGroupSize: 5))
    #expect(out.scoreJSON.contains("\"team\": \"Support\""))
    let trend = try JSONSerialization.jsonObject(with: Data(out.trendJSON.utf8)) as! [String: Any]
    let lines = (trend["frameworks"] as! [[String: Any]])[0]["teams"] as! [[String: Any]]
    let care = lines.first { $0["team"] as? String == "Customer Care" }!
    let point = (care["points"] as! [[String: Any]])[0]
    #expect(point["suppressed"] as? String == "complementary")
    try expectSafe(org)
  }

  /// Attack 5: a second cut of the same people (departments over teams), here Engineering =
  /// Mobile (3) + Platform + Web: Engineering minus its shown teams must not give Mobile.
  @Test func aSecondCutOfTheSamePeopleRecoversNothing() throws {
    let org = organisation(
      [
        ("Mobile", Self.people(3, seed: 1)), ("Platform", Self.people(9, seed: 2)), ("Web", Self.people(8, seed: 3)),
        ("Sales", Self.people(12, seed: 4)), ("Ops", Self.people(11, seed: 5)),
      ],
      mapping: ["Mobile": "Engineering", "Platform": "Engineering", "Web": "Engineering"])
    try expectSafe(org, leaksWithoutRules: true)
  }
}
