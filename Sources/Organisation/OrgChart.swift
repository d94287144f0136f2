import Foundation
import SurveyModel

/// An organisation's units and how they nest (team → department → division ...), with the
/// number of people invited per unit and wave when known. Units are kept parents first.
public struct OrgChart: Equatable, Sendable {
  /// One unit of the organisation.
  public struct Unit: Equatable, Sendable {
    public var id: String
    public var name: String
    /// The parent's position in ``OrgChart/units``; nil for a top-level unit.
    public var parent: Int?
    /// 1 for a top-level unit, 2 for its children, and so on.
    public var level: Int
    /// People invited, by wave ("" = every wave without its own figure).
    public var headcount: [String: Int]
    /// Where the unit is declared (0 when it comes from a path in the team column).
    public var line: Int

    public init(id: String, name: String, parent: Int? = nil, level: Int = 1, headcount: [String: Int] = [:], line: Int = 0) {
      self.id = id
      self.name = name
      self.parent = parent
      self.level = level
      self.headcount = headcount
      self.line = line
    }
  }

  /// Every unit, each after its parent.
  public let units: [Unit]
  /// The file it was read from ("" when built from team paths).
  public let file: String
  private let positions: [String: Int]

  /// - Precondition: every parent comes before its children.
  public init(units: [Unit], file: String) {
    self.units = units
    self.file = file
    var positions: [String: Int] = [:]
    for (i, unit) in units.enumerated() {
      positions[unit.id] = i
      if positions[unit.name] == nil { positions[unit.name] = i }
    }
    self.positions = positions
  }

  /// The unit a response's team cell names (its id or its name).
  public func unit(named text: String) -> Int? { positions[text] }

  /// The closest id or name to an unknown one, for "did you mean".
  public func suggestion(for text: String) -> String? {
    Suggestion.closest(to: text, in: units.flatMap { [$0.id, $0.name] })
  }

  /// The unit and its ancestors, the unit first.
  public func lineage(of unit: Int) -> [Int] {
    var out = [unit]
    var current = units[unit].parent
    while let p = current {
      out.append(p)
      current = units[p].parent
    }
    return out
  }

  /// The unit's ancestor (or itself) at `level`, or nil when the unit is above that level.
  public func ancestor(of unit: Int, atLevel level: Int) -> Int? {
    lineage(of: unit).first { units[$0].level == level }
  }

  /// The deepest level of the chart.
  public var depth: Int { units.map(\.level).max() ?? 0 }

  /// People invited to `unit` alone in `wave` (its own figure, or its every-wave figure).
  public func ownHeadcount(_ unit: Int, wave: String?) -> Int? {
    wave.flatMap { units[unit].headcount[$0] } ?? units[unit].headcount[""]
  }

  /// A chart from hierarchy paths in the team column ("Engineering/Platform/Mobile"): each
  /// prefix is a unit whose id is the path so far and whose name is its last part.
  public static func fromPaths(_ paths: some Sequence<String>, separator: Character = "/") -> OrgChart {
    var units: [Unit] = []
    var index: [String: Int] = [:]
    for path in paths {
      let parts = path.split(separator: separator, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      var prefix = ""
      var parent: Int? = nil
      for (depth, part) in parts.enumerated() {
        prefix = depth == 0 ? part : prefix + String(separator) + part
        if let known = index[prefix] {
          parent = known
          continue
        }
        index[prefix] = units.count
        units.append(Unit(id: prefix, name: part, parent: parent, level: depth + 1))
        parent = units.count - 1
      }
    }
    return OrgChart(units: units, file: "")
  }
}
