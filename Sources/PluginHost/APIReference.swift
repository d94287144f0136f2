/// The plugin API reference in Markdown, generated from ``HostAPI`` and ``PluginContract``
/// (`cultivar plugins docs`). Each part fills one marked section of the docs.
public enum APIReference {
  /// A generated part of the reference.
  public struct Section: Sendable {
    /// The name used in the markers: `<!-- BEGIN GENERATED: name -->`.
    public let name: String
    public let text: String
  }

  /// Every generated section.
  public static var sections: [Section] {
    [Section(name: "host-api", text: hostAPI), Section(name: "plugin-table", text: pluginTable)]
  }

  /// The `cultivar` module: every constant and function with parameters, results and `since`.
  public static var hostAPI: String {
    var out = ["Every plugin can use the `cultivar` table (plugin API \(HostAPI.version)).", ""]
    out += ["| name | since | summary |", "|---|---|---|"]
    for constant in HostAPI.constants {
      out.append("| `cultivar.\(constant.name)` | \(constant.since) | \(cell(constant.summary)) |")
    }
    for function in HostAPI.functions {
      let note = function.deprecated.map { " **Deprecated:** \(cell($0))" } ?? ""
      out.append("| `\(function.signature)` | \(function.since) | \(cell(function.summary))\(note) |")
    }
    for function in HostAPI.functions {
      let results = function.returns.map { "`\($0.type)`" }.joined(separator: ", ")
      out += ["", "#### `\(function.signature)`\(results.isEmpty ? "" : " → \(results)")", ""]
      out.append("\(function.summary) *Since plugin API \(function.since).*")
      if let deprecated = function.deprecated { out += ["", "**Deprecated:** \(deprecated)"] }
      if !function.parameters.isEmpty {
        out += ["", "| parameter | type | meaning |", "|---|---|---|"]
        out += function.parameters.map { "| `\($0.name)` | `\(cell($0.type))` | \(cell($0.summary)) |" }
      }
      for result in function.returns { out += ["", "Returns `\(result.type)`: \(result.summary)."] }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// The plugin table, its hooks and every table they take or return.
  public static var pluginTable: String {
    var out = ["The table a plugin file returns (`cultivar.Plugin`):", ""]
    out += fieldTable(PluginContract.plugin.fields)
    for hook in PluginContract.hooks {
      let params = hook.parameters.map(\.name).joined(separator: ", ")
      out += ["", "#### Hook `\(hook.name)(\(params))` → `\(hook.returns.map(\.type).joined(separator: ", "))`", ""]
      out.append("\(hook.summary) *Since plugin API \(hook.since).*")
      out += [""] + hook.parameters.map { "- `\($0.name)` (`\($0.type)`): \($0.summary)" }
      out += hook.returns.map { "- returns: \($0.summary)" }
    }
    for shape in PluginContract.shapes {
      out += ["", "#### `\(shape.name)`", "", shape.summary, ""]
      out += fieldTable(shape.fields)
    }
    return out.joined(separator: "\n") + "\n"
  }

  private static func fieldTable(_ fields: [PluginContract.Field]) -> [String] {
    ["| field | type | required | meaning |", "|---|---|---|---|"]
      + fields.map { field in
        let since = field.since > 1 ? " *Since plugin API \(field.since).*" : ""
        return "| `\(field.name)` | `\(cell(field.type))` | \(field.optional ? "no" : "yes") | \(cell(field.summary))\(since) |"
      }
  }

  /// Text safe inside a Markdown table cell.
  private static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
