import SurveyModel

/// Which teams' scores must be withheld.
///
/// A team below the minimum group size shows its n only. If the hidden teams together are still
/// below the minimum, the smallest shown teams are hidden too ("complementary suppression"),
/// until the hidden respondents number at least the minimum: otherwise subtracting the shown
/// teams from the organisation row would reveal a small team. The organisation row itself is
/// withheld when the whole organisation is below the minimum.
public enum Anonymity {
  /// The rule, in words, for reports.
  public static func rule(minGroupSize k: Int) -> String {
    "teams with fewer than \(k) respondents show their n only; when the hidden teams together have fewer than \(k) respondents, the next-smallest teams are hidden too, so no hidden team can be recovered by subtracting the shown teams from the organisation total"
  }

  /// The suppression decision for each team that must be hidden.
  public static func plan(teamSizes: [String: Int], minGroupSize k: Int) -> [String: Suppression] {
    var hidden: [String: Suppression] = [:]
    for (team, n) in teamSizes where n < k { hidden[team] = .belowMinimum }
    guard !hidden.isEmpty else { return hidden }
    var hiddenTotal = hidden.keys.reduce(0) { $0 + teamSizes[$1]! }
    let shown = teamSizes.filter { hidden[$0.key] == nil }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
    for (team, n) in shown where hiddenTotal < k {
      hidden[team] = .complementary
      hiddenTotal += n
    }
    return hidden
  }
}
