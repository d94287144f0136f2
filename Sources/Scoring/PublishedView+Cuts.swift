import Privacy
import SurveyModel

extension PublishedView {
  /// The groups of a run that cuts the organisation (see ``CutGroups``): the teams and the
  /// organisation are decided as `score` by team decides them, then the whole universe of
  /// groups is decided against those fixed decisions, and the run's own groups are published.
  /// The atoms are numbered in the unit tree's order (``CutLayout``), so the universe's groups
  /// are ranges, not lists; totals are added up in the order of the atoms' names, as before.
  init(plan: ScoringPlan, names: [String], order: [Int], totals teamTotals: TeamTotals, policy: PrivacyPolicy, cuts: CutGroups) {
    offsets = plan.frameworks.map(\.dimensionOffset)
    // 1. The atoms in the tree's order, the teams and the universe's groups as ranges.
    let layout = CutLayout(keys: order.map { names[$0] }, cuts: cuts)
    let (points, atoms, organisation) = Self.basis(plan, order: layout.original.map { order[$0] }, pooled: order, totals: teamTotals)
    self.organisation = organisation
    // 2. The universe, against the teams' fixed decisions (one decision, see CutDecision).
    let cut = CutDecision(
      dataPoints: points, atoms: atoms, organisation: Self.organisationName, teams: layout.teams, groups: layout.groups,
      atomOrder: layout.original, decide: { AnonymityEngine.decide($0, policy: policy) })
    let (teams, decision, node) = (cut.teams, cut.universe, cut.nodes)
    // 3. The run's own groups, by name.
    // Groups nobody answered in are not listed (a unit of another wave, a value nobody gave);
    // teams published as they are keep the team run's decision (and its reasons).
    var own: [(name: String, disclosure: Int, node: Int, atoms: AtomSet, cut: String)] = []
    for (g, group) in cuts.groups.enumerated() where group.published && layout.sizes[g] > 0 {
      own.append((group.name, 1, node[g], layout.members[g], group.cut))
    }
    for (t, team) in layout.teams.enumerated() where cuts.publishedTeam(team.name) {
      own.append((team.name, 0, t + 1, team.members, "team"))
    }
    own.sort { ($0.name, $0.disclosure, $0.node) < ($1.name, $1.disclosure, $1.node) }
    var published: [Group] = []
    var slotted = TeamTotals(shapedLike: teamTotals)
    for group in own {
      let slot = slotted.addTeam()
      // In the order of the atoms' names, so that every sum is added up as before.
      for j in group.atoms.map({ layout.original[$0] }).sorted() { slotted.merge(teamTotals, from: order[j], to: slot) }
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
