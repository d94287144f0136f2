import Foundation
import LuaBridge
import SurveyModel

/// Every plugin found in the plugin folders, loaded and validated; the plugins that failed,
/// with their errors; and notes about plugins shadowed by another with the same id.
public final class PluginCatalog {
  public private(set) var plugins: [Plugin] = []
  public private(set) var failures: [PluginError] = []
  public private(set) var notes: [String] = []
  /// With `only`: the ids of plugins that were loaded while looking for a wanted id and then
  /// dropped (for "did you mean" suggestions).
  public private(set) var otherIDs: [String] = []

  /// Loads a plugin file: its path and the path shown in messages.
  public typealias Loader = (_ path: String, _ shown: String) throws -> Plugin

  /// Loads every plugin in `directories` (earlier folders take precedence for a repeated id)
  /// and the extra `files`.
  /// - Parameters:
  ///   - only: when given, load just the plugins with these ids (a survey's): each is looked
  ///     for first among the files named after it (`ID.lua`, `ID/ID.lua`, `ID/init.lua`);
  ///     only an id no file is named after makes the other files load, one at a time, each
  ///     dropped at once unless it is wanted. Unused plugins then cost neither memory nor time.
  ///   - load: how a file is loaded (default: a fresh ``Plugin`` with `limits`); watch mode
  ///     passes one that keeps the last good version of each file.
  public init(
    directories: [String], files: [String] = [], workingDirectory: String, limits: LuaLimits = .standard,
    only: Set<String>? = nil, load: Loader? = nil
  ) {
    let paths = files + directories.flatMap(PluginLocator.pluginFiles(in:))
    // Files are read side by side (each plugin has its own Lua state); what each logs while it
    // loads is shown afterwards, in file order, so the output is the same as one after another.
    func loadAll(_ some: [String]) -> [Plugin?] {
      let loaded = SideBySide.map(some.count, threads: load == nil ? SideBySide.cores : 1) { i in
        let shown = PluginLocator.displayPath(some[i], workingDirectory: workingDirectory)
        let held = HeldLines()
        do {
          let plugin = try load?(some[i], shown) ?? Plugin(path: some[i], displayPath: shown, limits: limits, logSink: held.append)
          return (Result<Plugin, PluginError>.success(plugin), held.lines)
        } catch let error as PluginError {
          return (.failure(error), held.lines)
        } catch {
          return (.failure(PluginError(kind: .runtime, file: shown, problems: ["\(error)"])), held.lines)
        }
      }
      return loaded.map { result, lines in
        for line in lines { Plugin.standardLog(line) }
        switch result {
        case .success(let plugin):
          if load == nil { plugin.logSink = Plugin.standardLog }
          return plugin
        case .failure(let error):
          failures.append(error)
          return nil
        }
      }
    }
    func keep(_ plugin: Plugin) {
      if let first = self.plugin(id: plugin.framework.id) {
        notes.append("\(plugin.file): plugin '\(plugin.framework.id)' is not used: \(first.file) has the same id and comes first")
      } else {
        plugins.append(plugin)
      }
    }
    guard let only else {
      for plugin in loadAll(paths) { plugin.map(keep) }
      return
    }
    let named = paths.filter { only.contains(PluginLocator.pluginName($0)) }
    for plugin in loadAll(named) {
      guard let plugin else { continue }
      if only.contains(plugin.framework.id) { keep(plugin) } else { otherIDs.append(plugin.framework.id) }
    }
    let tried = Set(named)
    for path in paths where !tried.contains(path) {
      guard only.contains(where: { self.plugin(id: $0) == nil }) else { break }
      guard let plugin = loadAll([path])[0] else { continue }
      if only.contains(plugin.framework.id), self.plugin(id: plugin.framework.id) == nil {
        plugins.append(plugin)
      } else {
        otherIDs.append(plugin.framework.id)
      }
    }
  }

  /// Log lines held while a plugin loads on another thread.
  private final class HeldLines {
    private(set) var lines: [String] = []
    func append(_ line: String) { lines.append(line) }
  }

  /// The plugin with this id.
  public func plugin(id: String) -> Plugin? {
    plugins.first { $0.framework.id == id }
  }

  /// The failure of the file that probably meant to define `id` (its id, an `id = "..."`
  /// written in it, or the same file name), if any.
  public func failure(probablyFor id: String) -> PluginError? {
    failures.first { failure in
      failure.pluginID == id || failure.statedIDs.contains(id) || URL(fileURLWithPath: failure.file).deletingPathExtension().lastPathComponent == id
        || URL(fileURLWithPath: failure.file).deletingLastPathComponent().lastPathComponent == id
    }
  }
}
