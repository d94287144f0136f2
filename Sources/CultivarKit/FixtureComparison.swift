import SurveyModel

/// Compares a fixture's expectations with a framework's results, as readable differences.
enum FixtureComparison {
  static func mismatches(_ fixture: PluginFixture, result: FrameworkResult) -> [String] {
    let teams = Dictionary(uniqueKeysWithValues: (result.teams + [result.organisation]).map { ($0.team, $0) })
    var out: [String] = []
    for (name, checks) in fixture.expectations.sorted(by: { $0.key < $1.key }) {
      guard let team = teams[name] else {
        out.append(
          "team '\(name)': not in the results\(Suggestion.hint(for: name, in: teams.keys)) (teams: \(teams.keys.sorted().joined(separator: ", ")))")
        continue
      }
      if team.suppression != nil {
        out.append("team '\(name)': suppressed (n = \(team.n) is below min_group_size \(fixture.minGroupSize))")
        continue
      }
      let dimensionIDs = team.dimensions.map(\.id)
      var unknown = Set<String>()
      for (what, expected) in checks {
        let parts = what.split(separator: ".").map(String.init)
        if parts.count == 2, !parts[0].hasPrefix("measure:"), !dimensionIDs.contains(parts[0]) {
          if unknown.insert(parts[0]).inserted {
            out.append(
              "team '\(name)': the framework has no dimension '\(parts[0])'\(Suggestion.hint(for: parts[0], in: dimensionIDs)) (dimensions: \(dimensionIDs.joined(separator: ", ")))"
            )
          }
          continue
        }
        let actual = value(of: what, in: team)
        switch (expected, actual) {
        case (.number(let want), .number(let got)) where abs(want - got) <= fixture.tolerance: continue
        case (.text(let want), .text(let got)) where want == got: continue
        case (.passage(let want), .text(let got)) where got.contains(want): continue
        default:
          out.append("team '\(name)' \(label(what)): expected \(describe(expected)), got \(describe(actual))")
        }
      }
    }
    return out
  }

  private static func label(_ what: String) -> String {
    let parts = what.split(separator: ".")
    if what == "band_advice" { return "band advice" }
    if what.hasPrefix("measure:"), parts.count == 2 { return "measure '\(parts[0].dropFirst(8))' \(parts[1])" }
    return parts.count == 2 ? "dimension '\(parts[0])' \(parts[1])" : what
  }

  private static func value(of what: String, in team: TeamResult) -> PluginFixture.Expectation? {
    switch what {
    case "index": return team.index.map { .number($0) }
    case "band": return team.band.map { .text($0.label) }
    case "band_advice": return team.band?.advice.map { .text($0) }
    case "n": return .number(Double(team.n))
    case _ where what.hasPrefix("measure:"):
      let parts = what.dropFirst(8).split(separator: ".").map(String.init)
      guard parts.count == 2, let m = team.measures.first(where: { $0.id == parts[0] }) else { return nil }
      let fields: [String: Double?] = [
        "n": Double(m.n), "mean": m.mean, "sd": m.sd, "sum": m.sum, "at_least_pct": m.atLeast,
        "at_most_pct": m.atMost, "pooled": m.pooled,
      ]
      return (fields[parts[1]] ?? nil).map { .number($0) }
    default:
      let parts = what.split(separator: ".").map(String.init)
      guard parts.count == 2, let d = team.dimensions.first(where: { $0.id == parts[0] }) else { return nil }
      let number: Double?
      switch parts[1] {
      case "mean": number = d.mean
      case "sd": number = d.sd
      case "n": number = Double(d.n)
      case "pomp": number = d.pomp
      case "favorable_pct": number = d.favorable
      case "neutral_pct": number = d.neutral
      case "unfavorable_pct": number = d.unfavorable
      default: number = nil
      }
      return number.map { .number($0) }
    }
  }

  private static func describe(_ value: PluginFixture.Expectation?) -> String {
    switch value {
    case .number(let x): return Number.format(x)
    case .text(let s): return "'\(s)'"
    case .passage(let s): return "a text containing '\(s)'"
    case nil: return "nothing (unknown measure or no score)"
    }
  }
}
