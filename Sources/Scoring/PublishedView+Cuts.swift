import Privacy
import SurveyModel

extension PublishedView {
  /// The groups of a run that cuts the organisation (see ``CutGroups``): the teams and the
  /// organisation are decided as `score` by team decides them, then the whole universe of
  /// groups is decided against those fixed decisions, and the run's own groups are published.
  init(plan: ScoringPlan, names: [String], order: [Int], totals teamTotals: TeamTotals, policy: PrivacyPolicy, cuts: CutGroups) {
    offsets = plan.frameworks.map(\.dimensionOffset)
    let (points, atoms, organisation) = Self.basis(plan, order: order, totals: teamTotals)
    let width = teamTotals.width
    self.organisation = organisation
    // 1. The teams, as `score` by team publishes them, and 2. the universe's groups, listed in
    // one pass over the atoms (their places are not kept: a million atoms' lists of groups).
    var teamAtoms: [String: [Int]] = [:]
    var teamParent: [String: Int?] = [:]
    var members = [[Int]](repeating: [], count: cuts.groups.count)
    for (i, atom) in order.enumerated() {
      let place = cuts.place(names[atom])
      teamAtoms[place.team, default: []].append(i)
      teamParent[place.team] = place.teamParent
      for g in place.groups { members[g].append(i) }
    }
    let teamNames = teamAtoms.keys.sorted()
    // The universe, against the teams' fixed decisions (one decision, see CutDecision).
    let cut = CutDecision(
      dataPoints: points, atoms: atoms, organisation: Self.organisationName,
      teams: teamNames.map { .init(name: $0, atoms: teamAtoms[$0]!, parent: teamParent[$0]!) },
      groups: cuts.groups.enumerated().map { g, group in
        .init(cut: group.cut, name: group.name, atoms: members[g], parent: group.parent, nested: group.nested, fixed: group.fixed)
      },
      decide: { AnonymityEngine.decide($0, policy: policy) })
    let (teams, decision, node) = (cut.teams, cut.universe, cut.nodes)
    // 3. The run's own groups, by name.
    // Groups nobody answered in are not listed (a unit of another wave, a value nobody gave);
    // teams published as they are keep the team run's decision (and its reasons).
    var own: [(name: String, disclosure: Int, node: Int, atoms: [Int], cut: String)] = []
    for (g, group) in cuts.groups.enumerated() where group.published && !members[g].isEmpty {
      own.append((group.name, 1, node[g], members[g], group.cut))
    }
    for (t, team) in teamNames.enumerated() where cuts.publishedTeam(team) { own.append((team, 0, t + 1, teamAtoms[team]!, "team")) }
    own.sort { ($0.name, $0.disclosure, $0.node) < ($1.name, $1.disclosure, $1.node) }
    var published: [Group] = []
    var slotted = TeamTotals(width: width)
    for group in own {
      let slot = slotted.addTeam()
      for i in group.atoms { slotted.merge(teamTotals, from: order[i], to: slot) }
      published.append(Group(name: group.name, disclosure: group.disclosure, node: group.node))
    }
    groups = published
    totals = slotted
    slots = Array(published.indices)
    disclosures = [teams, decision]
    let audit = cut.audit(publishing: Set(own.map { CutDecision.CutName(cut: $0.cut, name: $0.name) }))
    privacy = Self.summary(policy, published, disclosures, audit: audit)
  }
}
