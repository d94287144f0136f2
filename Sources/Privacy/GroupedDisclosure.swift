import SurveyModel

/// The anonymity engine's decision for a run that publishes teams, or groups of teams (the
/// units of `--by unit:N`), with simple counts per data point: the teams are decided first,
/// as `score` decides them, and groups of several teams are then decided against the teams'
/// own decisions, so no two runs together isolate a small group.
public struct GroupedDisclosure: Sendable {
  /// A published group: its name and the teams (indices into the atoms) it pools.
  public struct Group: Sendable {
    public let name: String
    public let atoms: [Int]
    fileprivate let disclosure: Int
    fileprivate let node: Int
  }

  public let groups: [Group]
  private let disclosures: [Disclosure]
  /// Every withheld group or number, with its rule.
  public let audit: [AuditEntry]

  /// - Parameters:
  ///   - teams: the team names (the atoms), each with its respondents and counts per data point.
  ///   - dataPoints: the names of the data points.
  ///   - decide: the engine's rule to apply (numbers or comments).
  ///   - regroup: the published group of a team (nil: the teams are published).
  public init(
    teams: [(name: String, atom: Population.Atom)], dataPoints: [String], organisation: String,
    regroup: ((String) -> String)?, decide: (Population) -> Disclosure
  ) {
    let points = dataPoints.map { Population.DataPoint(name: $0, framework: 0) }
    let atoms = teams.map(\.atom)
    var base = Population(dataPoints: points, atoms: atoms, organisation: organisation)
    for (i, team) in teams.enumerated() { base.add(.init(cut: "team", name: team.name, atoms: [i])) }
    let decided = decide(base)
    guard let regroup else {
      groups = teams.indices.map { Group(name: teams[$0].name, atoms: [$0], disclosure: 0, node: $0 + 1) }
      disclosures = [decided]
      audit = decided.audit
      return
    }
    let shown = { (node: Int) in points.indices.map { decided.shows(node, dataPoint: $0) } }
    var members: [String: [Int]] = [:]
    for (i, team) in teams.enumerated() { members[regroup(team.name), default: []].append(i) }
    var mapped = Population(dataPoints: points, atoms: atoms, organisation: organisation, organisationFixed: shown(0))
    var published: [Group] = []
    var renamed: [String: String] = [:]
    for name in members.keys.sorted() {
      let parts = members[name]!
      if parts.count == 1 {
        let i = parts[0]
        published.append(Group(name: name, atoms: parts, disclosure: 0, node: i + 1))
        renamed[teams[i].name] = name
        mapped.add(.init(cut: "team", name: teams[i].name, atoms: [i], fixed: shown(i + 1)))
      } else {
        let node = mapped.add(.init(cut: "unit", name: name, atoms: parts))
        published.append(Group(name: name, atoms: parts, disclosure: 1, node: node))
        for i in parts { mapped.add(.init(cut: "team", name: teams[i].name, atoms: [i], parent: node, fixed: shown(i + 1))) }
      }
    }
    let grouped = decide(mapped)
    groups = published
    disclosures = [decided, grouped]
    audit =
      decided.audit.compactMap { entry in
        if entry.cut == "organisation" { return entry }
        guard let name = renamed[entry.group] else { return nil }
        var entry = entry
        entry.group = name
        return entry
      } + grouped.audit
  }

  /// Respondents behind the group (node 0 of the organisation: pass nil).
  public func respondents(_ g: Int?) -> Int {
    guard let g else { return disclosures[0].respondents[0] }
    return disclosures[groups[g].disclosure].respondents[groups[g].node]
  }

  /// Respondents behind data point `d` of the group (nil: the organisation).
  public func count(_ g: Int?, dataPoint d: Int) -> Int {
    guard let g else { return disclosures[0].counts[0][d] }
    return disclosures[groups[g].disclosure].counts[groups[g].node][d]
  }

  /// Why data point `d` of the group is withheld (nil: the organisation), or nil when shown.
  public func withheld(_ g: Int?, dataPoint d: Int) -> Suppression? {
    guard let g else { return disclosures[0].withheld(0, dataPoint: d) }
    return disclosures[groups[g].disclosure].withheld(groups[g].node, dataPoint: d)
  }
}

extension GroupedDisclosure {
  /// What would show data point `d` (named `point`) of the group called `name`, from the audit.
  public func wouldShow(group name: String, dataPoint point: String) -> String {
    (audit.first { $0.group == name && $0.dataPoint == point } ?? audit.first { $0.group == name && $0.dataPoint == nil })?.wouldShow ?? ""
  }
}
