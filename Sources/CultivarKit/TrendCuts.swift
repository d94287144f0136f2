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
  static func groups(_ plan: CutPlan, keys: [String], canonical: [String: String], mapped: [FrameworkResult]) -> CutGroups {
    let rename = { (team: String) in canonical[team] ?? team }
    var base = plan.groups(keys: Array(Set(keys.map { rekey($0, canonical) })).sorted())
    // Merged groups (several teams of the wave under one name now), fixed as `trend` shows them.
    var sources: [String: Set<String>] = [:]
    for key in keys {
      let team = AttributeKey.split(key).team
      sources[rename(team), default: []].insert(team)
    }
    var mergedGroup: [String: Int] = [:]
    for (name, teams) in sources.sorted(by: { $0.key < $1.key }) where teams.count > 1 {
      let shown = mapped.flatMap { framework -> [Bool] in
        let result = framework.teams.first { $0.team == name }
        return framework.dimensions.indices.map { d in
          guard let result, result.suppression == nil, d < result.dimensions.count else { return false }
          return result.dimensions[d].suppression == nil
        }
      }
      mergedGroup[name] = base.groups.count
      var group = CutGroups.Group(cut: mappedCut, name: name, nested: false, published: false)
      group.fixed = shown
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
        return (team, placed.teamParent, placed.groups + (merged[now].map { [$0] } ?? []))
      },
      publishedTeam: { team in (renames[team] ?? team) == team && publishedTeam(team) })
  }

  /// A key with its team renamed as the mapping names it now.
  static func rekey(_ key: String, _ canonical: [String: String]) -> String {
    let (team, values) = AttributeKey.split(key)
    let now = canonical[team] ?? team
    return values.isEmpty ? now : AttributeKey.compose(team: now, values: values)
  }
}
