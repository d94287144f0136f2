import SurveyModel

/// What `report --per-unit` writes its pages from: the organisation's units and the one view
/// the anonymity engine decided for the run (every unit of every level and every unit crossed
/// with every attribute value), compared with each unit's parent and with the organisation.
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
  public var units: [Unit]
  public var attributes: [Attribute]
  /// Per framework: every published group compared with its parent unit (without itself).
  public var versusParent: [FrameworkComparison]
  /// Per framework: every published group compared with the rest of the organisation.
  public var versusOrganisation: [FrameworkComparison]
  /// Participation of every unit (empty without headcounts).
  public var participation: [ParticipationRow]
  /// Each unit's line over the earlier waves and this one (empty: no earlier waves).
  public var trend: [FrameworkTrend]
  /// The waves of ``trend``, oldest first.
  public var trendWaves: [String]
  public var privacy: PrivacySummary

  public init(
    survey: SurveyInfo, input: InputSummary, wave: String?, units: [Unit], attributes: [Attribute], versusParent: [FrameworkComparison],
    versusOrganisation: [FrameworkComparison], participation: [ParticipationRow], trend: [FrameworkTrend], trendWaves: [String],
    privacy: PrivacySummary
  ) {
    self.survey = survey
    self.input = input
    self.wave = wave
    self.units = units
    self.attributes = attributes
    self.versusParent = versusParent
    self.versusOrganisation = versusOrganisation
    self.participation = participation
    self.trend = trend
    self.trendWaves = trendWaves
    self.privacy = privacy
  }

  /// The group of a unit crossed with an attribute value, by name.
  public static func cellName(unit: String, label: String) -> String { "\(unit) × \(label)" }

  /// A group's row in framework `f` compared with the organisation (nil: nobody answered in it).
  func row(_ name: String, framework f: Int) -> TeamComparison? { versusOrganisation[f].teams.first { $0.team == name } }

  /// A group's row in framework `f` compared with its parent.
  func parentRow(_ name: String, framework f: Int) -> TeamComparison? { versusParent[f].teams.first { $0.team == name } }

  /// The units whose parent is `u`.
  func children(of u: Int) -> [Int] { units.indices.filter { units[$0].parent == u } }
}
