import SurveyModel

/// A `compare` request that cannot be carried out as asked (bad `--teams` or `--baseline`).
public enum ComparisonError: Diagnostic, Equatable {
  /// A team that is not in the responses.
  case unknownTeam(String, option: String, known: [String])
  /// A baseline team whose scores are withheld for anonymity.
  case suppressedBaseline(String, Suppression, minGroupSize: Int)
  /// `--teams` given with no team in it.
  case noTeams

  public var exitStatus: ExitStatus { .usage }

  public var description: String {
    switch self {
    case .unknownTeam(let name, let option, let known):
      let candidates = option == "--baseline" ? ["org"] + known : known
      let choices = option == "--baseline" ? "use 'org' or one of the teams in the responses: " : "the teams in the responses are: "
      return
        "error: unknown team '\(name)' in \(option)\(Suggestion.hint(for: name, in: candidates))\n  hint: \(choices)\(known.joined(separator: ", "))"
    case .suppressedBaseline(let name, let reason, let k):
      let why = reason == .belowMinimum ? "it has fewer than \(k) respondents" : "it is hidden so that a smaller team cannot be recovered"
      return
        "error: team '\(name)' cannot be the baseline: its scores are withheld because \(why)\n  hint: use --baseline org, or a team with at least \(k) respondents"
    case .noTeams:
      return "error: --teams names no team\n  hint: give team names separated by commas, e.g. --teams 'Sales,Legal'"
    }
  }
}
