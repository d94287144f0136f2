import Foundation
import Scoring
import SurveyIO
import SurveyModel

/// `--by`: which groups a run publishes, and the universe of groups every run that cuts the
/// same responses decides (see `CutGroups`).
///
/// - `unit:N`: the units at level N (1 = the top units), each pooling its whole line; a team
///   above that level (a department with direct members) is its own group;
/// - `unit`: every level at once;
/// - `ATTRIBUTE` (a declared attribute, e.g. `tenure`): each of its values over the whole
///   organisation, and `(not given)`;
/// - `unit:N,ATTRIBUTE` or `unit,ATTRIBUTE`: units crossed with the attribute's values;
/// - with `direct`, a unit cut publishes each unit's direct members (the team cells naming it).
///
/// The team cells of the responses name units of an organisation file (by id or name), or,
/// without one, hold the hierarchy as a path (`Engineering/Platform/Mobile`).
public final class CutPlan: @unchecked Sendable {
  /// The level published (nil: every level; also nil for an attribute alone).
  public let level: Int?
  /// Whether units are published (alone or crossed).
  public let cutsUnits: Bool
  /// The attribute published (alone or crossed), by position in the survey's attributes.
  public let attribute: Int?
  /// The text given to `--by`.
  public let spec: String
  /// `--direct`: each unit's direct members (the team cells naming it), not its whole line.
  public let direct: Bool
  /// The organisation file (nil: paths in the team column).
  public let chart: OrgChart?
  private let attributes: [Attribute]
  private let separator: Character
  /// Team cells that name no unit of the organisation file.
  public private(set) var unknown: Set<String> = []
  private let lock = NSLock()

  /// Parses `--by`.
  /// - Throws: ``Problem`` naming what is wrong and how to fix it.
  public init(_ spec: String, chart: OrgChart?, attributes: [Attribute], direct: Bool = false, separator: Character = "/") throws {
    self.spec = spec
    self.direct = direct
    self.chart = chart
    self.attributes = attributes
    self.separator = separator
    let terms = spec.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    let names = attributes.map(\.name)
    var level: Int? = nil
    var cutsUnits = false
    var attribute: Int? = nil
    for term in terms {
      if term == "unit" || term.hasPrefix("unit:") {
        guard !cutsUnits else {
          throw Self.problem("--by \(spec): units are named twice", hint: "cross one unit level with one attribute: --by unit:1,tenure")
        }
        cutsUnits = true
        if term != "unit" {
          guard let n = Int(term.dropFirst(5)), (1...64).contains(n) else {
            throw Self.problem(
              "--by \(spec): '\(term)' is not a unit level", hint: "use unit:N with N from 1 (the top units), or unit for every level")
          }
          level = n
        }
      } else if let a = names.firstIndex(of: term) {
        guard attribute == nil else {
          throw Self.problem("--by \(spec): two attributes cannot be crossed", hint: "cross a unit level with one attribute: --by unit:1,\(names[a])")
        }
        attribute = a
      } else {
        let known = ["team", "unit", "unit:1"] + names
        throw Self.problem(
          "--by \(spec): unknown cut '\(term)'\(Suggestion.hint(for: term, in: known))",
          hint: names.isEmpty
            ? "use team, unit, or unit:N; declare attributes under 'attributes:' in the survey file to cut by them"
            : "use team, unit, unit:N, an attribute (\(names.joined(separator: ", "))), or unit:N,ATTRIBUTE")
      }
    }
    if let level, let chart, level > chart.depth {
      throw Self.problem(
        "--by \(spec): \(chart.file) has \(chart.depth) level\(chart.depth == 1 ? "" : "s")", hint: "use a level from 1 to \(chart.depth)")
    }
    if direct, !cutsUnits || attribute != nil {
      throw Self.problem("--direct with --by \(spec): direct members are a unit's", hint: "use --by unit:N --direct or --by unit --direct")
    }
    self.level = level
    self.cutsUnits = cutsUnits
    self.attribute = attribute
  }

  /// A `--by` that cannot be used (a usage error: exit 64).
  public struct Problem: Diagnostic, Equatable {
    public var message: String
    public var hint: String
    public var exitStatus: ExitStatus { .usage }
    public var description: String { DiagnosticText.render(message: message, hint: hint) }
  }

  private static func problem(_ message: String, hint: String) -> Problem { Problem(message: message, hint: hint) }

  /// The label of an attribute value (nil = not given).
  public func label(_ a: Int, _ value: Int?) -> String { "\(attributes[a].name): \(value.map { attributes[a].values[$0] } ?? "(not given)")" }

  /// The universe of groups for responses whose atoms have `keys` (see `AttributeKey`).
  public func groups(keys: [String]) -> CutGroups {
    let chart = self.chart ?? OrgChart.fromPaths(Set(keys.map { AttributeKey.split($0).team }).sorted(), separator: separator)
    let byPath = self.chart == nil
    let unitName = { (u: Int) in byPath ? chart.units[u].id : chart.units[u].name }
    let valueCounts = attributes.map { $0.values.count + 1 }  // index 0: not given
    var groups: [CutGroups.Group] = []
    groups.reserveCapacity(chart.units.count * (1 + valueCounts.reduce(0, +)) + valueCounts.reduce(0, +))
    for (u, unit) in chart.units.enumerated() {
      let published = cutsUnits && attribute == nil && !direct && (level == nil || level == unit.level)
      var group = CutGroups.Group(cut: "unit:\(unit.level)", name: unitName(u), parent: unit.parent, nested: true, published: published)
      group.span = .init(unit: u)
      groups.append(group)
    }
    var attributeStart: [Int] = []
    for (a, count) in valueCounts.enumerated() {
      attributeStart.append(groups.count)
      for v in 0..<count {
        let published = !cutsUnits && attribute == a
        var group = CutGroups.Group(cut: attributes[a].name, name: label(a, v == 0 ? nil : v - 1), nested: false, published: published)
        group.span = .init(unit: nil, attribute: a, value: Int32(v))
        groups.append(group)
      }
    }
    // One string per level × attribute and per value, shared by every crossed cell.
    var crossedCut: [Int: [String]] = [:]
    let valueLabels = valueCounts.indices.map { a in (0..<valueCounts[a]).map { v in label(a, v == 0 ? nil : v - 1) } }
    var crossedStart = [[Int]](repeating: [], count: chart.units.count)
    for (u, unit) in chart.units.enumerated() {
      let cuts = crossedCut[unit.level] ?? attributes.map { "unit:\(unit.level) × \($0.name)" }
      crossedCut[unit.level] = cuts
      for (a, count) in valueCounts.enumerated() {
        crossedStart[u].append(groups.count)
        for v in 0..<count {
          let published = cutsUnits && attribute == a && (level == nil || level == unit.level)
          var group = CutGroups.Group(
            cut: cuts[a], name: CrossedCell.name(unit: unitName(u), label: valueLabels[a][v]), parent: u, nested: false, published: published)
          group.span = .init(unit: u, attribute: a, value: Int32(v))
          groups.append(group)
        }
      }
    }
    let level = self.level
    let cutsUnits = self.cutsUnits
    let attribute = self.attribute
    let direct = self.direct
    let firstValue = attributeStart
    let firstCrossed = crossedStart
    return CutGroups(
      groups: groups,
      place: { [self] key in
        let (team, values) = AttributeKey.split(key)
        guard let unit = chart.unit(named: team) else {
          lock.withLock { _ = unknown.insert(team) }
          return (team, nil, [])
        }
        let lineage = chart.lineage(of: unit)
        var member = lineage
        for a in valueCounts.indices {
          let v = Int(CutGroups.valueCode(values, attribute: a))
          member.append(firstValue[a] + v)
          for u in lineage { member.append(firstCrossed[u][a] + v) }
        }
        return (team, unit, member)
      },
      publishedTeam: { team in
        // With --direct, the members named by a unit of the level (of any level without one);
        // else a team above the level published is its own group (units alone only).
        guard cutsUnits, attribute == nil, let unit = chart.unit(named: team) else { return false }
        if direct { return level == nil || chart.units[unit].level == level }
        guard let level else { return false }
        return chart.units[unit].level < level
      })
  }

  /// The error for team cells that name no unit, with a suggestion for each.
  public func unknownUnits(responses: String) -> InputProblems? {
    guard let chart, !unknown.isEmpty else { return nil }
    return InputProblems(
      unknown.sorted().map { team in
        InputError(
          kind: .responses, file: responses,
          message: "team '\(team)' is not a unit of \(chart.file)"
            + (chart.suggestion(for: team).map { " (did you mean '\($0)'?)" } ?? ""),
          hint: "add the unit to \(chart.file) (id, name, parent), or correct the team cell")
      })
  }
}
