import SurveyModel

/// Several problems found in one pass over an input, reported together.
public struct InputProblems: Diagnostic, Sendable {
  public var problems: [InputError]
  /// How many problems there were in all (more than `problems` when the list was cut short).
  public var total: Int

  public init(_ problems: [InputError], total: Int? = nil) {
    self.problems = problems
    self.total = total ?? problems.count
  }

  /// The first problem's status (they are all of one input).
  public var exitStatus: ExitStatus { problems.first?.exitStatus ?? .failure }

  public var description: String {
    var lines = problems.map(\.description)
    if total > problems.count { lines.append("... and \(total - problems.count) more problems") }
    return lines.joined(separator: "\n")
  }
}
