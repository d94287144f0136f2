import PluginHost
import SurveyModel

/// `cultivar plugins list` and `cultivar plugins check`.
public struct PluginsJob {
  public var workspace: Workspace

  public init(workspace: Workspace) {
    self.workspace = workspace
  }

  /// The longest citation shown by ``list()``; longer ones are cut at a word.
  static let sourceWidth = 100

  /// A table of the plugins found (id, name, version, file, dimensions, items), each followed
  /// by an indented line with its source (the citation, shortened), then the plugins that
  /// failed to load.
  public func list() -> (text: String, failures: [PluginError]) {
    let catalog = workspace.catalog()
    var rows = [["ID", "NAME", "VERSION", "FILE", "DIMS", "ITEMS"]]
    for plugin in catalog.plugins {
      let f = plugin.framework
      rows.append([f.id, f.name, f.version, plugin.file, String(f.dimensions.count), String(f.items.count)])
    }
    let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
    var lines: [String] = []
    for (r, row) in rows.enumerated() {
      lines.append(
        row.enumerated().map { c, cell in cell + String(repeating: " ", count: widths[c] - cell.count) }.joined(separator: "  ")
          .trimmingEnd { $0 == " " })
      if r > 0 { lines.append("  source: " + Shortening.shortened(catalog.plugins[r - 1].framework.source, to: Self.sourceWidth)) }
    }
    if catalog.plugins.isEmpty { lines.append("(no plugins found in \(workspace.pluginFolders(surveyFile: nil).joined(separator: ", ")))") }
    for note in catalog.notes { lines.append("note: \(note)") }
    return (lines.joined(separator: "\n") + "\n", catalog.failures)
  }

  /// Validates the given plugin files, or every plugin found when none are given.
  /// - Returns: one "ok" line per valid plugin.
  /// - Throws: ``PluginProblems`` listing every problem of every failing plugin.
  public func check(files: [String]) throws -> String {
    let catalog: PluginCatalog
    if files.isEmpty {
      catalog = workspace.catalog()
    } else {
      catalog = PluginCatalog(directories: [], files: files, workingDirectory: workspace.workingDirectory, limits: workspace.limits)
    }
    var lines: [String] = []
    var failures = catalog.failures
    for (plugin, hookFailures) in zip(catalog.plugins, HookRehearsal.run(catalog.plugins)) {
      failures += hookFailures
      guard hookFailures.isEmpty else { continue }
      lines.append("ok: \(plugin.file) (\(Self.summary(plugin)))")
    }
    if !failures.isEmpty { throw PluginProblems(errors: failures, passed: lines) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `senge 1.0.0: 5 dimensions, 25 items; hooks score, band ran on made-up data`.
  static func summary(_ plugin: Plugin) -> String {
    let f = plugin.framework
    var text = "\(f.id) \(f.version): \(Counted.phrase(f.dimensions.count, "dimension")), \(Counted.phrase(f.items.count, "item"))"
    let hooks = [("score", Framework.Hooks.score), ("index", .index), ("band", .band)].filter { f.hooks.contains($0.1) }.map(\.0)
    if !hooks.isEmpty { text += "; \(hooks.count == 1 ? "hook" : "hooks") \(hooks.joined(separator: ", ")) ran on made-up data" }
    return text
  }
}
