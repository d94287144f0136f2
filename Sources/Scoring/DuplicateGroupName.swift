import SurveyModel

/// Two groups a run would publish under one name (say a unit named like another unit's cell):
/// a reader could not tell their numbers apart, and what finds a group by name would find
/// either, so the run is refused.
public struct DuplicateGroupName: Diagnostic, Equatable {
  /// The name both groups have.
  public var name: String

  public init(name: String) { self.name = name }

  /// The first name that two of `names` share.
  public static func first(in names: some Sequence<String>) -> String? {
    var seen = Set<String>()
    for name in names where !seen.insert(name).inserted { return name }
    return nil
  }

  public var exitStatus: ExitStatus { .dataError }

  public var description: String {
    DiagnosticText.render(
      message: "two of the groups this run publishes are named '\(SafeText.terminal(name))'",
      hint:
        "give the units their own names in the organisation file (or the teams in the responses), so that no unit is named like another or like another unit's cell"
    )
  }
}
