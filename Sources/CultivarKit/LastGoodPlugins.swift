import Foundation
import LuaBridge
import PluginHost

/// Loads plugin files for watch mode: a file that fails to load keeps serving its last good
/// version (the failure is still reported), until a save that loads again replaces it. Each
/// run gets a fresh copy, so no state carries over from one run to the next.
final class LastGoodPlugins {
  private var good: [String: (stamp: FileSnapshot.Stamp, plugin: Plugin, checks: [PluginError])] = [:]
  private let limits: LuaLimits
  /// Failures of this run whose last good version was used instead: file → error.
  private(set) var kept: [(file: String, error: PluginError)] = []

  init(limits: LuaLimits) {
    self.limits = limits
  }

  /// What `plugins check` finds in the loaded version of each file of this run (hooks that
  /// fail on made-up data), checked once per saved version: file → errors.
  private(set) var checks: [(file: String, errors: [PluginError])] = []

  /// Starts a new run (clears the failures of the last one).
  func beginRun() {
    kept = []
    checks = []
  }

  /// The loader to hand to ``PluginCatalog``.
  func load(path: String, shown: String) throws -> Plugin {
    let stamp = FileSnapshot.stamp(path)
    if let last = good[path], last.stamp == stamp {
      if !last.checks.isEmpty { checks.append((shown, last.checks)) }
      return try last.plugin.copy()
    }
    do {
      let plugin = try Plugin(path: path, displayPath: shown, limits: limits)
      let copy = try plugin.copy()
      let found = HookRehearsal.run(plugin)
      good[path] = (stamp, plugin, found)
      if !found.isEmpty { checks.append((shown, found)) }
      return copy
    } catch {
      guard let last = good[path] else { throw error }
      kept.append((shown, error))
      return try last.plugin.copy()
    }
  }
}
