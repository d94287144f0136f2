import SurveyModel

/// Which teams a comparison shows and what they are compared with, checked against the teams
/// in the responses.
public struct TeamSelection: Equatable, Sendable {
  /// The teams to show, in order (the baseline team first when it is one).
  public let shown: [String]
  public let baseline: Baseline
  /// The `--teams` list as given (nil = every team).
  public let requested: [String]?

  /// - Parameters:
  ///   - teams: the `--teams` names, or nil for every team.
  ///   - baseline: `org`, `parent` (each unit's parent unit; a run that cuts units) or a team name.
  ///   - known: every team in the responses.
  ///   - privacy: the suppression decided over every team of the run.
  /// - Throws: ``ComparisonError`` for an unknown team or a suppressed baseline team.
  public init(teams: [String]?, baseline: String, known: [String], privacy: PrivacySummary) throws {
    let sortedKnown = known.sorted()
    let knownSet = Set(known)
    if let teams {
      guard !teams.isEmpty else { throw ComparisonError.noTeams }
      for team in teams where !knownSet.contains(team) {
        throw ComparisonError.unknownTeam(team, option: "--teams", known: sortedKnown)
      }
    }
    if baseline.lowercased() == "org" && !knownSet.contains(baseline) {
      self.baseline = .restOfOrganisation
    } else if baseline.lowercased() == "parent" && !knownSet.contains(baseline) {
      self.baseline = .parent
    } else {
      guard knownSet.contains(baseline) else {
        throw ComparisonError.unknownTeam(baseline, option: "--baseline", known: sortedKnown)
      }
      if let hidden = privacy.suppressed.first(where: { $0.team == baseline }) {
        throw ComparisonError.suppressedBaseline(baseline, hidden.reason, minGroupSize: privacy.minGroupSize)
      }
      self.baseline = .team(baseline)
    }
    var seen = Set<String>()
    var shown = teams.map { list in list.filter { seen.insert($0).inserted } } ?? sortedKnown
    if case .team(let name) = self.baseline {
      shown.removeAll { $0 == name }
      shown.insert(name, at: 0)
    }
    self.shown = shown
    requested = teams
  }
}
