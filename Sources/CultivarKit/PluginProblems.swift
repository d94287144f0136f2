import PluginHost
import SurveyModel

/// Several plugin errors reported together (e.g. by `plugins check`).
public struct PluginProblems: Diagnostic {
  public var errors: [PluginError]
  /// Lines for the plugins that did pass.
  public var passed: [String] = []
  public var exitStatus: ExitStatus { .configuration }
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}
