import Privacy
import SurveyModel

/// The groups a run publishes (the teams, or a trend mapping's groups of teams), their totals,
/// and the anonymity engine's decision about each of their numbers.
struct PublishedView: Sendable {
  /// A published group: its name and where its decision is (disclosure, node).
  struct Group: Sendable {
    var name: String
    var disclosure: Int
    var node: Int
  }

  static let organisationName = "(all teams)"

  let groups: [Group]
  /// The totals the groups are read from, and each published group's slot in them.
  let totals: TeamTotals
  let slots: [Int]
  /// Slot 0: every respondent.
  let organisation: TeamTotals
  /// [0]: the teams as `score` publishes them; [1]: the mapped groups, when regrouped.
  let disclosures: [Disclosure]
  let privacy: PrivacySummary
  /// First data point of each framework.
  let offsets: [Int]

  init(
    plan: ScoringPlan, names: [String], order: [Int], totals teamTotals: TeamTotals, policy: PrivacyPolicy,
    regroup: ((String) -> String)?
  ) {
    offsets = plan.frameworks.map(\.dimensionOffset)
    let (points, atoms, organisation) = Self.basis(plan, order: order, totals: teamTotals)
    self.organisation = organisation
    var base = Population(dataPoints: points, atoms: atoms, organisation: Self.organisationName)
    // Made at its size: grown by doubling, 50,000 teams' groups held the old and the new array
    // at once (2.6 and 5.2 MB) at the run's peak.
    base.reserveGroups(1 + order.count)
    for (i, t) in order.enumerated() { base.add(.init(cut: "team", name: names[t], members: AtomSet(range: i..<(i + 1)))) }
    let teams = AnonymityEngine.decide(base, policy: policy)
    guard let regroup else {
      groups = order.indices.map { Group(name: names[order[$0]], disclosure: 0, node: $0 + 1) }
      totals = teamTotals  // shared, not copied
      slots = order
      disclosures = [teams]
      privacy = Self.summary(policy, groups, disclosures, audit: teams.audit)
      return
    }
    // Each mapped group pools its teams; the teams and the organisation keep the decisions
    // their own results (`score`) get, and the groups are decided against them.
    var members: [String: [Int]] = [:]
    for (i, t) in order.enumerated() { members[regroup(names[t]), default: []].append(i) }
    let shownByTeams = { (node: Int) in points.indices.map { teams.shows(node, dataPoint: $0) } }
    var mapped = Population(dataPoints: points, atoms: atoms, organisation: Self.organisationName, organisationFixed: shownByTeams(0))
    var published: [Group] = []
    var slotted = TeamTotals(shapedLike: teamTotals)
    for name in members.keys.sorted() {
      let atomsOfGroup = members[name]!
      let slot = slotted.addTeam()
      for i in atomsOfGroup { slotted.merge(teamTotals, from: order[i], to: slot) }
      if atomsOfGroup.count == 1 {
        let i = atomsOfGroup[0]
        published.append(Group(name: name, disclosure: 0, node: i + 1))
        mapped.add(.init(cut: "team", name: names[order[i]], atoms: [i], fixed: shownByTeams(i + 1)))
      } else {
        let node = mapped.add(.init(cut: "mapped team", name: name, atoms: atomsOfGroup))
        published.append(Group(name: name, disclosure: 1, node: node))
        for i in atomsOfGroup {
          mapped.add(.init(cut: "team", name: names[order[i]], atoms: [i], parent: node, fixed: shownByTeams(i + 1)))
        }
      }
    }
    let groupsDecision = AnonymityEngine.decide(mapped, policy: policy)
    groups = published
    totals = slotted
    slots = Array(published.indices)
    disclosures = [teams, groupsDecision]
    // The audit names what this run publishes: the organisation, teams published as they are
    // (under their mapped name) and the mapped groups.
    var renamed: [String: String] = [:]
    for g in published where g.disclosure == 0 { renamed[names[order[g.node - 1]]] = g.name }
    var audit = teams.audit.compactMap { entry -> AuditEntry? in
      if entry.cut == "organisation" { return entry }
      guard let name = renamed[entry.group] else { return nil }
      var entry = entry
      entry.group = name
      return entry
    }
    audit += groupsDecision.audit
    privacy = Self.summary(policy, published, disclosures, audit: audit)
  }

  static func summary(_ policy: PrivacyPolicy, _ groups: [Group], _ disclosures: [Disclosure], audit: [AuditEntry]) -> PrivacySummary {
    let suppressed = groups.compactMap { g in
      disclosures[g.disclosure].groupWithheld(g.node).map {
        SuppressedGroup(team: g.name, n: disclosures[g.disclosure].respondents[g.node], reason: $0)
      }
    }
    return PrivacySummary(minGroupSize: policy.threshold, rule: policy.summary, suppressed: suppressed, audit: audit)
  }

  func groupReason(_ g: Int) -> Suppression? { disclosures[groups[g].disclosure].groupWithheld(groups[g].node) }
  func pointReason(_ g: Int, dataPoint d: Int) -> Suppression? { disclosures[groups[g].disclosure].withheld(groups[g].node, dataPoint: d) }
  func indexReason(_ g: Int, framework f: Int) -> Suppression? { disclosures[groups[g].disclosure].indexWithheld(groups[g].node, framework: f) }
  func respondents(_ g: Int) -> Int { disclosures[groups[g].disclosure].respondents[groups[g].node] }

  var organisationN: Int { disclosures[0].respondents[0] }
  var organisationReason: Suppression? { disclosures[0].groupWithheld(0) }
  func organisationShows(_ d: Int) -> Bool { disclosures[0].shows(0, dataPoint: d) }
  func organisationPointReason(_ d: Int) -> Suppression? { disclosures[0].withheld(0, dataPoint: d) }
  func organisationIndexReason(_ f: Int) -> Suppression? { disclosures[0].indexWithheld(0, framework: f) }

  /// The numbers the engine decides per group, in the order of the totals' slots: each
  /// framework's dimensions, then its measures.
  static func dataPoints(_ plan: ScoringPlan) -> [Population.DataPoint] {
    plan.frameworks.enumerated().flatMap { f, fp in
      (fp.framework.dimensions.map(\.name) + fp.framework.measures.map(\.name)).map { name in
        Population.DataPoint(name: plan.frameworks.count > 1 ? "\(fp.framework.id) \(name)" : name, framework: f)
      }
    }
  }

  /// What every decision of a run starts from: the data points, one atom per team (in `order`)
  /// with its respondents behind each data point, and the organisation's totals.
  /// The data points, the atoms (the slots of `order`, in that order) and the organisation's
  /// totals, added up in the order of `pooled` (default: `order`).
  static func basis(_ plan: ScoringPlan, order: [Int], pooled: [Int]? = nil, totals: TeamTotals) -> (
    [Population.DataPoint], AtomTotals, TeamTotals
  ) {
    let width = totals.width
    var atoms = AtomTotals(width: width)
    atoms.reserveCapacity(order.count)
    for t in order { atoms.append(respondents: totals.sizes[t], counts: totals.accumulators(slot: t, offset: 0, count: width).lazy.map(\.count)) }
    var organisation = TeamTotals(shapedLike: totals)
    _ = organisation.addTeam()
    for t in pooled ?? order { organisation.merge(totals, from: t, to: 0) }
    return (dataPoints(plan), atoms, organisation)
  }
}
