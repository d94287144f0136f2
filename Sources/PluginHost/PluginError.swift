import SurveyModel

/// A plugin that cannot be loaded, fails validation, or fails while scoring.
public struct PluginError: Diagnostic, Sendable {
  /// What failed.
  public enum Kind: Equatable, Sendable {
    /// The file cannot be read.
    case unreadable
    /// The Lua code does not compile.
    case syntax
    /// The code failed while loading or in a hook.
    case runtime
    /// The returned table breaks the plugin contract.
    case contract
    /// A resource limit was hit.
    case memoryLimit, timeLimit
  }

  public var kind: Kind
  /// The plugin file, as shown to the user (e.g. `plugins/senge.lua`).
  public var file: String
  /// The plugin id, when known.
  public var pluginID: String?
  /// The hook that failed (`score`, `index`, `band`), or nil while loading.
  public var hook: String?
  /// What was being scored: a team, or a respondent of a team.
  public var team: String?
  public var respondent: String?
  /// The response file and line of the respondent's row.
  public var responsesFile: String?
  public var row: Int?
  /// The problems: one Lua message (which names file:line), or every contract problem.
  public var problems: [String]
  public var traceback: String
  /// A plain-words hint about the likely mistake (by default, from the message alone).
  public var hint: String?
  /// For a file that failed to load: every `id = "..."` written in it, so that a survey
  /// naming one of them can show this error (the file's name need not be its id).
  public var statedIDs: [String] = []

  public init(kind: Kind, file: String, pluginID: String? = nil, hook: String? = nil, problems: [String], traceback: String = "") {
    self.kind = kind
    self.file = file
    self.pluginID = pluginID
    self.hook = hook
    self.problems = problems
    self.traceback = traceback
  }

  /// What was going on, e.g. `plugin 'senge' (plugins/senge.lua), hook 'score', respondent 'r7' of team 'Ops' (responses.csv:9)`.
  public var context: String {
    var text = pluginID.map { "plugin '\($0)' (\(file))" } ?? file
    if let hook { text += ", hook '\(hook)'" }
    if let respondent {
      text += ", respondent '\(respondent)'"
      if let team { text += " of team '\(team)'" }
    } else if let team {
      text += ", team '\(team)'"
    }
    if let row { text += " (\(responsesFile ?? "responses"):\(row))" }
    return text
  }

  /// Loading and contract failures are configuration errors; a failing hook is a plugin failure.
  public var exitStatus: ExitStatus { hook == nil ? .configuration : .pluginFailure }

  /// Every `id = "..."` (or `'...'`) written in a plugin's source, in order.
  public static func statedIDs(in source: String) -> [String] {
    guard let pattern = try? Regex(#"(?:^|[^A-Za-z0-9_])id\s*=\s*["']([^"'\n]+)["']"#) else { return [] }
    return source.matches(of: pattern).compactMap { $0.output[1].substring.map(String.init) }
  }

  public var description: String {
    switch kind {
    case .contract:
      return problems.map { $0.hasPrefix(file) ? $0 : "\(file): \($0)" }.joined(separator: "\n")
    default:
      let lead = hook == nil ? "error loading \(context)" : "error running \(context)"
      var text = "\(lead):\n  \(problems.joined(separator: "\n  "))"
      if let hint = hint ?? LuaHints.hint(for: problems.first ?? "", source: nil) { text += "\n  hint: \(hint)" }
      return text
    }
  }
}
