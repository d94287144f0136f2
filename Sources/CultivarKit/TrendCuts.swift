import Organisation
import Scoring
import SurveyModel

/// The groups `trend --by` publishes for one wave: the cut's universe (see ``CutPlan``) over the
/// responses' teams *as the team mapping names them now*, decided against what the wave's
/// other runs publish: the teams as `score` of the wave shows them (the engine fixes those
/// first), and each merged group as `trend` without a cut shows it (fixed here). So a mapping
/// and a cut read together never reveal a group the wave's `score` or `trend` withholds.
enum TrendCuts {
  /// The cut of a merged group (never published by a cut; fixed as `trend` shows it).
  static let mappedCut = "mapped team"

  /// - Parameters:
  ///   - plan: the cut.
  ///   - keys: the keys read (teams as given, or teams with attribute codes).
  ///   - canonical: each team of the wave → its name now (the team mapping).
  ///   - mapped: what `trend` without a cut publishes for the wave (the mapped groups).
  ///   - scored: for a cut by an attribute (alone or crossed), the groups of `score --wave W
  ///     --by` the same cut and what that run publishes (see ``asScored(_:keys:canonical:scored:)``).
  static func groups(
    _ plan: CutPlan, keys: [String], canonical: [String: String], mapped: [FrameworkResult],
    scored: (groups: CutGroups, results: [FrameworkResult])? = nil
  ) -> CutGroups {
    let rename = { (team: String) in canonical[team] ?? team }
    var base = plan.groups(keys: Array(Set(keys.map { rekey($0, canonical) })).sorted())
    let twins = scored.map { asScored(&base, keys: keys, canonical: canonical, scored: $0) } ?? [:]
    // Merged groups (several teams of the wave under one name now), fixed as `trend` shows them.
    var sources: [String: Set<String>] = [:]
    for key in keys {
      let team = AttributeKey.split(key).team
      sources[rename(team), default: []].insert(team)
    }
    var mergedGroup: [String: Int] = [:]
    for (name, teams) in sources.sorted(by: { $0.key < $1.key }) where teams.count > 1 {
      mergedGroup[name] = base.groups.count
      var group = CutGroups.Group(cut: mappedCut, name: name, nested: false, published: false)
      group.fixed = shown(name, in: mapped)
      base.groups.append(group)
    }
    let place = base.place
    let publishedTeam = base.publishedTeam
    let merged = mergedGroup
    let renames = canonical
    return CutGroups(
      groups: base.groups,
      place: { key in
        let team = AttributeKey.split(key).team
        let now = renames[team] ?? team
        let placed = place(rekey(key, renames))
        // The team as the wave's `score` publishes it, nested where its name now places it.
        return (team, placed.teamParent, placed.groups + (merged[now].map { [$0] } ?? []) + (twins[key] ?? []))
      },
      publishedTeam: { team in (renames[team] ?? team) == team && publishedTeam(team) })
  }

  /// Fixes the published groups of `base` (a cut by an attribute) against what `score --wave W
  /// --by` the same cut publishes (`scored`): a group with the same respondents as its twin
  /// there is shown exactly as that run shows it; one that differs (a crossed cut whose unit
  /// gains or loses a team through the mapping) is withheld when its twin is, and otherwise
  /// decided against the twin, added as a fixed group. So no group `score` withholds is shown,
  /// and no difference between a group and its twin isolates anyone.
  /// - Returns: per key, the twins added that hold it.
  static func asScored(
    _ base: inout CutGroups, keys: [String], canonical: [String: String], scored: (groups: CutGroups, results: [FrameworkResult])
  ) -> [String: [Int]] {
    var twinOf: [String: Int] = [:]
    for (g, group) in scored.groups.groups.enumerated() where group.published { twinOf[group.name] = g }
    var members: [Int: Set<String>] = [:]
    var twinMembers: [Int: Set<String>] = [:]
    for key in keys {
      for g in base.place(rekey(key, canonical)).groups where base.groups[g].published { members[g, default: []].insert(key) }
      for g in scored.groups.place(key).groups where scored.groups.groups[g].published { twinMembers[g, default: []].insert(key) }
    }
    var added: [String: [Int]] = [:]
    for g in base.groups.indices where base.groups[g].published {
      let twin = twinOf[base.groups[g].name]
      let twinShown = shown(base.groups[g].name, in: scored.results)
      if let twin, members[g] == twinMembers[twin] {
        base.groups[g].fixed = twinShown
      } else if let twin, twinShown.contains(true) {
        var group = CutGroups.Group(cut: "score " + base.groups[g].cut, name: base.groups[g].name, nested: false, published: false)
        group.fixed = twinShown
        for key in twinMembers[twin] ?? [] { added[key, default: []].append(base.groups.count) }
        base.groups.append(group)
      } else {
        base.groups[g].fixed = twinShown.map { _ in false }
      }
    }
    return added
  }

  /// Per data point (framework by framework, dimension by dimension), whether `results` show
  /// group `name`'s number (a group they do not list is not shown).
  static func shown(_ name: String, in results: [FrameworkResult]) -> [Bool] {
    results.flatMap { framework -> [Bool] in
      let result = framework.teams.first(named: name)
      return framework.dimensions.indices.map { d in
        guard let result, result.suppression == nil, d < result.dimensions.count else { return false }
        return result.dimensions[d].suppression == nil
      }
    }
  }

  /// A key with its team renamed as the mapping names it now.
  static func rekey(_ key: String, _ canonical: [String: String]) -> String {
    let (team, values) = AttributeKey.split(key)
    let now = canonical[team] ?? team
    return values.isEmpty ? now : AttributeKey.compose(team: now, values: values)
  }
}
