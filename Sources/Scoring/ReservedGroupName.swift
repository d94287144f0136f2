import SurveyModel

/// A group named like the organisation row, `(all teams)`: it would pass for the whole
/// organisation in every report, so it is refused.
public struct ReservedGroupName: Diagnostic, Equatable {
  /// The group's name as given.
  public var name: String
  /// Whether the name comes from the survey's team mapping rather than the responses.
  public var mapped: Bool

  public init(name: String, mapped: Bool) {
    self.name = name
    self.mapped = mapped
  }

  /// Whether `name` reads as the organisation row's label (case, spaces and invisible marks
  /// aside).
  public static func clashes(_ name: String) -> Bool {
    // Only letters have case mappings, so a name without a `(` cannot read as the label: most
    // names are settled without looking at their scalars' properties.
    guard name.utf8.contains(UInt8(ascii: "(")) else { return false }
    let visible = String(
      String.UnicodeScalarView(
        name.unicodeScalars.filter {
          !SafeText.isActive($0) && !$0.properties.isWhitespace && !$0.properties.isDefaultIgnorableCodePoint
        }))
    return visible.lowercased() == "(allteams)"
  }

  /// A mapping's mistake is in the survey definition; a team's name is in the data.
  public var exitStatus: ExitStatus { mapped ? .configuration : .dataError }

  public var description: String {
    let source = mapped ? "the team_mapping maps teams to" : "the responses have a team named"
    return DiagnosticText.render(
      message: "\(source) '\(SafeText.terminal(name))', the label of the organisation row",
      hint:
        "rename the team (in the responses, or map it to another name under team_mapping) so that it cannot be mistaken for the whole organisation")
  }
}
