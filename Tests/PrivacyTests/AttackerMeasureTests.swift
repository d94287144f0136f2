import Statistics
import SurveyModel
import Testing

@testable import Privacy

/// The attacker reads the `count_of` measure of the generated organisations (a multi-select's
/// options chosen per respondent, a data point with its own n) wherever `score` publishes it,
/// and its self-test finds a measure printed for a group the engine withholds it for.
@Suite struct AttackerMeasureTests {
  /// Legal (6) answers the multi-select; of Sales (8) only 2 do; Ops (9) all do. Threshold 5:
  /// every team is shown, Sales' measure is withheld (and another with it).
  static func organisation() -> Organisation {
    var rows: [ResponseRow] = []
    for (team, size, answering) in [("Legal", 6, 6), ("Sales", 8, 2), ("Ops", 9, 9)] {
      for i in 0..<size {
        let chosen = i < answering ? Double([3, 5, 15, 1, 0, 7, 12, 9, 6][i % 9]) : .nan
        rows.append(
          ResponseRow(line: rows.count + 2, respondent: "r", team: team, values: [Double(i % 5 + 1), 2, 4, 3, Double((i * 3) % 5 + 1), chosen]))
      }
    }
    return Organisation(rows: rows, mapping: [:], threshold: 5)
  }

  /// Every format of `score` gives equations of the measure: n × mean, the sum, the SD's
  /// second moment and the share of at least 2 options.
  @Test func everyScoreFormatGivesMeasureEquations() throws {
    var rng = SplitMix64(seed: AttackerTests.fixedSeed)
    var org = Organisation.random(&rng)
    while org.counts[attackMeasure, default: [:]].values.reduce(0, +) < 2 * org.threshold { org = Organisation.random(&rng) }
    let reader = org.reader(try org.publish(policy: PrivacyPolicy(minGroupSize: org.threshold)))
    for source in ["score json", "score csv", "score table"] {
      let equations = reader.observations.filter { $0.dimension == attackMeasure && $0.source.hasPrefix(source) }
      #expect(Set(equations.map(\.moment)).isSuperset(of: [.sum, .sumOfSquares, .favourable]), "\(source): \(equations.map(\.source))")
    }
    #expect(reader.observations.contains { $0.dimension == attackMeasure && $0.source.hasSuffix(" sum") })
  }

  /// Published as decided, the measure gives nothing away; the attacker is given each
  /// group's true count of who answered the multi-select.
  @Test func theDecidedMeasureRevealsNothing() throws {
    let org = Self.organisation()
    #expect(org.counts[attackMeasure] == ["Legal": 6, "Sales": 2, "Ops": 9])
    let outputs = try org.publish(policy: PrivacyPolicy(minGroupSize: 5))
    #expect(outputs.scoreJSON.contains("\"id\": \"ways\""), "the measure is published")
    let attacker = Attacker(counts: org.counts, threshold: 5)
    #expect(attacker.attack(org.reader(outputs)).isEmpty)
  }

  /// Plant a careless reporter: Sales is shown but its measure (2 respondents) is withheld;
  /// the planted report prints it anyway. Each format of `score`, read alone, gives Sales'
  /// measure back, to its true sum.
  @Test(arguments: ["score json", "score csv", "score table"])
  func selfTestFindsAMeasureShownForAWithheldGroup(format: String) throws {
    let org = Self.organisation()
    let policy = PrivacyPolicy(minGroupSize: 5)
    let truth = org.trueMeasure(["Sales"])
    var withheld = false
    let leaky = try org.publish(policy: policy) { report in
      var teams = Array(report.frameworks[0].teams)
      for t in teams.indices where teams[t].team == "Sales" {
        withheld = teams[t].suppression == nil && teams[t].measures.first?.suppression != nil
        teams[t].measures = [truth]
      }
      report.frameworks[0].teams = TeamResultList(teams)
    }
    #expect(withheld, "the engine shows Sales and withholds its measure")
    let attacker = Attacker(counts: org.counts, threshold: 5)
    let found = attacker.attack(org.reader(leaky, only: [format])).filter { $0.dimension == attackMeasure && $0.what == "team Sales" }
    let sum = try #require(found.first { $0.moment == .sum }, "\(format): \(found)")
    #expect(abs(sum.value - truth.sum!) < 0.5, "\(format): \(sum)")
    #expect(attacker.attack(org.reader(try org.publish(policy: policy), only: [format])).isEmpty, "\(format)")
  }
}
