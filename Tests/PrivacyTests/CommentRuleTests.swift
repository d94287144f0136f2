import SurveyModel
import Testing

@testable import Privacy

@Suite struct CommentPolicyTests {
  @Test func defaultIsTenAndTheThresholdCanOnlyBeRaised() throws {
    #expect(try CommentPolicy(numeric: PrivacyPolicy(minGroupSize: 5), requested: nil).threshold == 10)
    #expect(try CommentPolicy(numeric: PrivacyPolicy(minGroupSize: 12), requested: nil).threshold == 12)
    #expect(try CommentPolicy(numeric: PrivacyPolicy(minGroupSize: 5), requested: 15).threshold == 15)
    for low in [0, 3, 9] {
      #expect(throws: CommentPolicy.Problem.self) { try CommentPolicy(numeric: PrivacyPolicy(minGroupSize: 5), requested: low) }
    }
    #expect(throws: CommentPolicy.Problem.self) { try CommentPolicy(numeric: PrivacyPolicy(minGroupSize: 12), requested: 11) }
  }

  /// Teams of (respondents, commenters), decided as `comments --by team` decides them.
  func decide(_ teams: [(String, Int, Int)], threshold: Int? = nil) throws -> TeamView {
    let policy = try CommentPolicy(numeric: PrivacyPolicy(minGroupSize: 5), requested: threshold)
    let decision = CutDecision(
      dataPoints: [.init(name: "wish", framework: 0)], atoms: AtomTotals(teams.map { Population.Atom(respondents: $0.2, counts: [$0.2]) }, width: 1),
      organisation: "(all teams)", teams: teams.enumerated().map { .init(name: $1.0, atoms: [$0], parent: nil) }, groups: [],
      decide: { AnonymityEngine.decideComments($0, policy: policy) })
    return TeamView(disclosure: decision.teams)
  }

  /// Team `g`'s decision (nil: the organisation).
  struct TeamView {
    let disclosure: Disclosure
    func withheld(_ g: Int?, dataPoint d: Int) -> Suppression? { disclosure.withheld(g.map { $0 + 1 } ?? 0, dataPoint: d) }
    func count(_ g: Int?, dataPoint d: Int) -> Int { disclosure.counts[g.map { $0 + 1 } ?? 0][d] }
  }

  @Test func smallGroupsCommentsAreWithheldAndCannotBeRecoveredFromTheOrganisation() throws {
    // B has 30 respondents but only 4 commenters: withheld; C (12) is withheld too, or the
    // organisation's comments minus A's and C's would be B's.
    let decision = try decide([("A", 40, 25), ("B", 30, 4), ("C", 20, 12)])
    #expect(decision.withheld(0, dataPoint: 0) == nil)
    #expect(decision.withheld(1, dataPoint: 0) == .belowMinimum)
    #expect(decision.withheld(2, dataPoint: 0) == .complementary)
    #expect(decision.withheld(nil, dataPoint: 0) == nil)
    #expect(decision.count(nil, dataPoint: 0) == 41)
  }

  @Test func theThresholdCountsCommentersNotRespondents() throws {
    #expect(try decide([("A", 40, 9), ("B", 40, 40)]).withheld(0, dataPoint: 0) == .belowMinimum)
    #expect(try decide([("A", 40, 10), ("B", 40, 40)]).withheld(0, dataPoint: 0) == nil)
    #expect(try decide([("A", 40, 10), ("B", 40, 40)], threshold: 11).withheld(0, dataPoint: 0) == .belowMinimum)
  }

  /// Random organisations: whatever is shown, no shown group has fewer commenters than the
  /// threshold, and the organisation minus every shown team is 0 or at least the threshold.
  @Test func noSubtractionIsolatesFewCommenters() throws {
    var random = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let teams = (0..<Int.random(in: 1...8, using: &random)).map { i in ("T\(i)", 30, Int.random(in: 0...25, using: &random)) }
      let decision = try decide(teams)
      var shown = 0
      for g in teams.indices where decision.withheld(g, dataPoint: 0) == nil {
        #expect(teams[g].2 == 0 || teams[g].2 >= 10)
        shown += teams[g].2
      }
      if decision.withheld(nil, dataPoint: 0) == nil {
        let rest = teams.reduce(0) { $0 + $1.2 } - shown
        #expect(rest == 0 || rest >= 10, "\(teams)")
      }
    }
  }
}

@Suite struct CommentScrubberTests {
  let scrubber = CommentScrubber(names: ["Anna Berg", "Tom", "  ", "José"])

  @Test(arguments: [
    ("Mail jo.doe+learn@example.co.uk today.", "Mail [e-mail] today."),
    ("Write to a@b.org, or c_d@e-f.io!", "Write to [e-mail], or [e-mail]!"),
    ("Call +44 20 7946 0958 now", "Call [phone] now"),
    ("Call (030) 1234-5678.", "Call [phone]."),
    ("Ring 0171.234.567", "Ring [phone]"),
    ("In 2026 we met 3 times, room 12", "In 2026 we met 3 times, room 12"),
    ("Ask Anna Berg or tom; not Anna.", "Ask [name] or [name]; not Anna."),
    ("Tom's course", "[name]'s course"),
    ("Tomorrow Tommy met josé", "Tomorrow Tommy met [name]"),
    ("no @ here, a@b and x@.com", "no @ here, a@b and x@.com"),
    ("", ""),
  ])
  func replacesWhatIdentifiesAPerson(text: String, expected: String) {
    #expect(scrubber.scrub(text) == expected)
  }

  /// Random comments made of known pieces: each piece comes out replaced or unchanged, and
  /// nothing else changes.
  @Test func randomCommentsAreScrubbedPieceByPiece() {
    let pieces: [(String, String)] = [
      ("learn", "learn"), ("time,", "time,"), ("Tom", "[name]"), ("Anna Berg", "[name]"), ("a@b.io", "[e-mail]"),
      ("+49 170 1234567", "[phone]"), ("12", "12"), ("room 4", "room 4"), ("\n", "\n"), ("José!", "[name]!"), ("@", "@"), ("tomato", "tomato"),
    ]
    var random = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let chosen = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }
      let text = chosen.map(\.0).joined(separator: " | ")
      let expected = chosen.map(\.1).joined(separator: " | ")
      #expect(scrubber.scrub(text) == expected, "\(text.debugDescription)")
    }
  }

  @Test func aLongHostileCommentIsLinear() {
    let text = String(repeating: "a@", count: 50_000) + String(repeating: "1 ", count: 50_000)
    let clock = ContinuousClock()
    let time = clock.measure { _ = scrubber.scrub(text) }
    #expect(time < .seconds(5))
  }
}
