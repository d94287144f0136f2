import SurveyModel

/// A group named like the organisation row, `(all teams)`: it would pass for the whole
/// organisation in every report, so it is refused.
public struct ReservedGroupName: Error, Equatable, CustomStringConvertible {
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
    let visible = String(String.UnicodeScalarView(name.unicodeScalars.filter {
      !SafeText.isActive($0) && !$0.properties.isWhitespace && !$0.properties.isDefaultIgnorableCodePoint
    }))
    return visible.lowercased() == "(allteams)"
  }

  public var description: String {
    let source = mapped ? "the team_mapping maps teams to" : "the responses have a team named"
    return "error: \(source) '\(SafeText.terminal(name))', the label of the organisation row\n"
      + "  hint: rename the team (in the responses, or map it to another name under team_mapping) so that it cannot be mistaken for the whole organisation"
  }
}
