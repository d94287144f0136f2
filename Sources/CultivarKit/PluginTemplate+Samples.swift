/// The data files `cultivar plugins new` writes beside the plugin: a test fixture whose
/// expected scores are worked out by hand, a survey that uses the framework, and sample
/// responses to try it on.
extension PluginTemplate {
  /// `tests/example.csv`: two teams of two. sh2 is reverse-keyed; b1 skipped re2.
  static let fixtureResponses = """
    respondent_id,team,sh1,sh2,re1,re2
    a1,Alpha,4,2,5,4
    a2,Alpha,5,1,4,4
    b1,Beta,2,4,3,
    b2,Beta,3,5,2,2

    """

  /// `tests/example.expected.json`: the scores ``fixtureResponses`` must give.
  static let fixtureExpected = """
    {
      "_comment": [
        "Worked out by hand. sh2 is reverse-keyed, so an answer x counts as 6 - x.",
        "A respondent's dimension score is the mean of their answered questions:",
        "a1 sharing (4 + 4) / 2 = 4, reflection (5 + 4) / 2 = 4.5; a2 sharing 5, reflection 4;",
        "b1 sharing (2 + 2) / 2 = 2, reflection 3 (re2 unanswered); b2 sharing 2, reflection 2.",
        "POMP = (mean - 1) / 4 * 100; the index is the mean of the dimensions' POMP:",
        "Alpha (87.5 + 81.25) / 2 = 84.375, Beta (25 + 37.5) / 2 = 31.25,",
        "all teams (56.25 + 59.375) / 2 = 57.8125."
      ],
      "min_group_size": 1,
      "tolerance": 1e-9,
      "teams": {
        "Alpha": {
          "index": 84.375, "band": "High",
          "dimensions": { "sharing": { "mean": 4.5, "n": 2, "favorable_pct": 100 }, "reflection": 4.25 }
        },
        "Beta": {
          "index": 31.25, "band": "Low",
          "dimensions": { "sharing": 2, "reflection": { "mean": 2.5, "n": 2, "favorable_pct": 0 } }
        },
        "(all teams)": {
          "n": 4, "index": 57.8125, "band": "Medium",
          "dimensions": { "sharing": 3.25, "reflection": 3.375 }
        }
      }
    }

    """

  /// `surveys/NAME.yaml`: a survey that uses the framework.
  static func survey(name: String, title: String) -> String {
    """
    # A survey scored with the \(name) framework (created by `cultivar plugins new \(name)`).
    id: \(name)
    title: \(title) survey
    frameworks:
      - \(name)
    # Teams with fewer respondents than this show their size only, to protect anonymity.
    min_group_size: 3

    """
  }

  /// `surveys/NAME-responses.csv`: fifteen respondents in three teams, one answer left blank.
  static let sampleResponses = """
    respondent_id,team,sh1,sh2,re1,re2
    r01,Design,5,2,4,4
    r02,Design,4,1,5,4
    r03,Design,4,2,4,5
    r04,Design,5,2,3,4
    r05,Design,4,3,4,4
    r06,Design,3,2,5,5
    r07,Support,2,4,3,2
    r08,Support,3,4,2,3
    r09,Support,2,5,3,
    r10,Support,3,3,2,2
    r11,Support,2,4,3,3
    r12,Sales,4,3,2,3
    r13,Sales,3,3,3,2
    r14,Sales,4,2,2,2
    r15,Sales,3,4,3,3

    """
}
