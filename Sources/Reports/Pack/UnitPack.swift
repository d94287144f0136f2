import SurveyModel

/// What `report --per-unit` writes its pages from: the organisation's units and the one view
/// the anonymity engine decided for the run (every unit of every level and every unit crossed
/// with every attribute value), each unit compared with its parent and with the organisation.
/// Every number a page shows is read from here; nothing here is decided by the pages.
public struct UnitPack: Sendable {
  /// One unit of the organisation.
  public struct Unit: Sendable {
    /// The name its group is published under (a unit's name, or its path without an
    /// organisation file).
    public var key: String
    /// The name shown on its page.
    public var title: String
    public var level: Int
    /// Its parent's position in ``UnitPack/units`` (nil: a top unit).
    public var parent: Int?
    /// Its page's file name (nil: no page, because the engine withholds the unit or the
    /// level asked for is another).
    public var page: String?

    public init(key: String, title: String, level: Int, parent: Int?, page: String?) {
      self.key = key
      self.title = title
      self.level = level
      self.parent = parent
      self.page = page
    }
  }

  /// A declared attribute and the labels of its values' groups, `(not given)` included.
  public struct Attribute: Sendable {
    public var name: String
    /// `name: value` labels, as the crossed groups are named after the unit (`Web × tenure: <1`).
    public var labels: [String]

    public init(name: String, labels: [String]) {
      self.name = name
      self.labels = labels
    }
  }

  public var survey: SurveyInfo
  public var input: InputSummary
  /// The wave the pack is about (nil: a response file).
  public var wave: String?
  /// Every unit, parents first.
  public var units: [Unit] { didSet { childrenOf = Memo() } }
  public var attributes: [Attribute]
  /// Per framework: every unit compared with its parent unit (without itself).
  public var versusParent: [FrameworkComparison] { didSet { parentRows = Memo() } }
  /// Per framework: every unit compared with the rest of the organisation (the Holm family
  /// is the units' tests, the ones the pages show).
  public var versusOrganisation: [FrameworkComparison] { didSet { organisationRows = Memo() } }
  /// Per framework: every published group as the engine decided it, the units' attribute
  /// cells included (their tables show numbers, not comparisons).
  public var groups: [FrameworkResult]
  /// Participation of every unit (empty without headcounts).
  public var participation: [ParticipationRow]
  /// Each unit's line over the earlier waves and this one (empty: no earlier waves).
  public var trend: [FrameworkTrend] { didSet { trendLines = Memo() } }
  /// The waves of ``trend``, oldest first.
  public var trendWaves: [String]
  public var privacy: PrivacySummary { didSet { auditPositions = Memo() } }
  /// Look-ups made on first use (a pack's pages look up every unit): per framework, each
  /// group's first position in ``versusOrganisation`` and ``versusParent``; each unit's children.
  private var organisationRows = Memo<[[String: Int]]>()
  private var parentRows = Memo<[[String: Int]]>()
  private var childrenOf = Memo<[[Int]]>()
  private var trendLines = Memo<[[String: Int]]>()
  private var auditPositions = Memo<AuditPositions>()

  /// Where each group's entries lie in the privacy audit, and those of each unit's parent
  /// baseline (the group `PARENT without UNIT`, by every name that may follow a ` without `).
  private struct AuditPositions: Sendable {
    var byGroup: [String: [Int]] = [:]
    var parentBaselineWithout: [String: [Int]] = [:]
  }

  public init(
    survey: SurveyInfo, input: InputSummary, wave: String?, units: [Unit], attributes: [Attribute], versusParent: [FrameworkComparison],
    versusOrganisation: [FrameworkComparison], groups: [FrameworkResult], participation: [ParticipationRow], trend: [FrameworkTrend],
    trendWaves: [String],
    privacy: PrivacySummary
  ) {
    self.survey = survey
    self.input = input
    self.wave = wave
    self.units = units
    self.attributes = attributes
    self.versusParent = versusParent
    self.versusOrganisation = versusOrganisation
    self.groups = groups
    self.participation = participation
    self.trend = trend
    self.trendWaves = trendWaves
    self.privacy = privacy
  }

  /// A group's row in framework `f` compared with the organisation (nil: nobody answered in it).
  public func row(_ name: String, framework f: Int) -> TeamComparison? {
    Self.row(name, framework: f, in: versusOrganisation, organisationRows)
  }

  /// A published group's result in framework `f` (nil: nobody answered in it).
  public func result(_ name: String, framework f: Int) -> TeamResult? {
    groups.indices.contains(f) ? groups[f].teams.first(named: name) : nil
  }

  /// A group's row in framework `f` compared with its parent.
  func parentRow(_ name: String, framework f: Int) -> TeamComparison? { Self.row(name, framework: f, in: versusParent, parentRows) }

  /// The first row named `name` in framework `f` of `frameworks`, through `positions`.
  private static func row(
    _ name: String, framework f: Int, in frameworks: [FrameworkComparison], _ positions: Memo<[[String: Int]]>
  ) -> TeamComparison? {
    guard frameworks.indices.contains(f) else { return nil }
    let position = positions.value {
      frameworks.map { Dictionary(firstPositions: $0.teams.map(\.team)) }
    }
    return position[f][name].map { frameworks[f].teams[$0] }
  }

  /// A group's line over the waves in framework `f` of ``trend`` (nil: it has none).
  func trendLine(_ name: String, framework f: Int) -> TeamLine? {
    guard trend.indices.contains(f) else { return nil }
    let position = trendLines.value {
      trend.map { Dictionary(firstPositions: $0.teams.map(\.team)) }
    }
    return position[f][name].map { trend[f].teams[$0] }
  }

  /// The positions in the privacy audit of the entries about group `name`, ascending.
  func auditPositions(group name: String) -> [Int] { audit().byGroup[name] ?? [] }

  /// The positions in the privacy audit of the parent-baseline entries whose group may be a
  /// parent without unit `name` (a superset: check each entry's group), ascending.
  func auditPositions(parentBaselineWithout name: String) -> [Int] { audit().parentBaselineWithout[name] ?? [] }

  private func audit() -> AuditPositions {
    auditPositions.value {
      var positions = AuditPositions()
      for (i, entry) in privacy.audit.enumerated() {
        positions.byGroup[entry.group, default: []].append(i)
        guard entry.cut == UnitPack.parentBaselineCut else { continue }
        for name in Self.namesAfterWithout(entry.group) { positions.parentBaselineWithout[name, default: []].append(i) }
      }
      return positions
    }
  }

  /// The texts that follow each ` without ` in `group`: every `name` for which
  /// `group.hasSuffix(" without \(name)")` may hold. Split on Unicode scalars, not characters,
  /// so that a name beginning with a combining mark (which joins the space before it into one
  /// character) is found too.
  static func namesAfterWithout(_ group: String) -> [String] {
    let scalars = Array(group.unicodeScalars)
    let pattern = Array(" without ".unicodeScalars)
    guard scalars.count >= pattern.count else { return [] }
    return (0...(scalars.count - pattern.count)).compactMap { start in
      guard scalars[start..<(start + pattern.count)].elementsEqual(pattern) else { return nil }
      var name = ""
      name.unicodeScalars.append(contentsOf: scalars[(start + pattern.count)...])
      return name
    }
  }

  /// The cut of a parent-baseline entry in the privacy audit.
  static let parentBaselineCut = "parent baseline"

  /// The units whose parent is `u`, in order.
  func children(of u: Int) -> [Int] {
    let children = childrenOf.value {
      var children = [[Int]](repeating: [], count: units.count)
      for (c, unit) in units.enumerated() {
        if let parent = unit.parent, children.indices.contains(parent) { children[parent].append(c) }
      }
      return children
    }
    return children.indices.contains(u) ? children[u] : []
  }
}
