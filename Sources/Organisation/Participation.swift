import SurveyModel

/// Invited, responded and the response rate per unit, each unit counting its whole line (its
/// own members and every unit below it).
public struct Participation: Equatable, Sendable {
  /// One unit's figures.
  public struct Row: Equatable, Sendable {
    public var unit: String
    public var level: Int
    /// People invited (nil when the organisation file gives no headcount for the unit's line).
    public var invited: Int?
    public var responded: Int
    /// responded / invited, shown only when `invited` reaches the minimum group size (so a
    /// rate never describes a handful of people).
    public var rate: Double?
  }

  public var rows: [Row]

  /// Why participation cannot be reported: more responses than invitations in a unit.
  public struct Problem: Diagnostic, Equatable {
    public var unit: String
    public var invited: Int
    public var responded: Int
    public var file: String
    public var exitStatus: ExitStatus { .dataError }
    public var description: String {
      DiagnosticText.render(
        place: file, message: "unit '\(unit)' has \(responded) responses but only \(invited) people invited",
        hint: "correct the unit's headcount in the organisation file, or check for repeated submissions (one person, one response)")
    }
  }

  /// - Parameters:
  ///   - responded: respondents per unit position (those whose team cell names the unit).
  ///   - wave: the wave whose headcounts apply (nil: the every-wave figures).
  ///   - minimumGroupSize: rates are given only from this many invited.
  /// - Throws: ``Problem`` when a unit's line has more responses than invitations.
  public init(chart: OrgChart, responded: [Int], wave: String?, minimumGroupSize: Int) throws {
    let count = chart.units.count
    var invited = (0..<count).map { chart.ownHeadcount($0, wave: wave) }
    var answered = responded
    // Children come after their parents: sum from the end up.
    for unit in (0..<count).reversed() {
      guard let parent = chart.units[unit].parent else { continue }
      answered[parent] += answered[unit]
      if let own = invited[unit] { invited[parent] = (invited[parent] ?? 0) + own }
    }
    rows = try (0..<count).map { u in
      let unit = chart.units[u]
      if let n = invited[u], answered[u] > n {
        throw Problem(unit: unit.name, invited: n, responded: answered[u], file: chart.file.isEmpty ? "organisation" : chart.file)
      }
      let rate = invited[u].flatMap { $0 >= minimumGroupSize && $0 > 0 ? Double(answered[u]) / Double($0) : nil }
      return Row(unit: unit.name, level: unit.level, invited: invited[u], responded: answered[u], rate: rate)
    }
  }
}
