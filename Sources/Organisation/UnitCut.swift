import Foundation
import SurveyIO
import SurveyModel

/// `--by unit:N`: publishes the organisation's units at level N, each pooling its whole line
/// (its own members and every unit below it), instead of the teams in the responses.
///
/// The team cells of the responses name units of an organisation file (by id or name), or,
/// without one, hold the hierarchy as a path (`Engineering/Platform/Mobile`). A team above the
/// level (a department with direct members, when N is the team level) is its own group.
public final class UnitCut: @unchecked Sendable {
  public let level: Int
  private let chart: OrgChart?
  private let separator: Character
  /// Team cells that name no unit of the organisation file.
  public private(set) var unknown: Set<String> = []

  /// - Parameters:
  ///   - level: the level to publish, 1 for the top units.
  ///   - chart: the organisation file's units, or nil for paths in the team column.
  public init(level: Int, chart: OrgChart?, separator: Character = "/") {
    self.level = level
    self.chart = chart
    self.separator = separator
  }

  /// Parses `unit:N` (N ≥ 1).
  public static func level(of cut: String) -> Int? {
    guard cut.hasPrefix("unit:"), let n = Int(cut.dropFirst(5)), (1...64).contains(n) else { return nil }
    return n
  }

  /// The published group a team's respondents count in.
  public func group(of team: String) -> String {
    guard let chart else {
      let parts = team.split(separator: separator, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      return parts.prefix(level).joined(separator: String(separator))
    }
    guard let unit = chart.unit(named: team) else {
      unknown.insert(team)
      return team
    }
    return chart.units[chart.ancestor(of: unit, atLevel: level) ?? unit].name
  }

  /// The error for team cells that name no unit, with a suggestion for each.
  public func unknownUnits(responses: String) -> InputProblems? {
    guard let chart, !unknown.isEmpty else { return nil }
    return InputProblems(unknown.sorted().map { team in
      InputError(kind: .responses, file: responses, message: "team '\(team)' is not a unit of \(chart.file)"
                   + (chart.suggestion(for: team).map { " (did you mean '\($0)'?)" } ?? ""),
                 hint: "add the unit to \(chart.file) (id, name, parent), or correct the team cell")
    })
  }
}
