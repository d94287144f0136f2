import Foundation
import LuaBridge

/// Every plugin found in the plugin folders, loaded and validated; the plugins that failed,
/// with their errors; and notes about plugins shadowed by another with the same id.
public final class PluginCatalog {
  public private(set) var plugins: [Plugin] = []
  public private(set) var failures: [PluginError] = []
  public private(set) var notes: [String] = []

  /// Loads a plugin file: its path and the path shown in messages.
  public typealias Loader = (_ path: String, _ shown: String) throws -> Plugin

  /// Loads every plugin in `directories` (earlier folders take precedence for a repeated id)
  /// and the extra `files`.
  /// - Parameter load: how a file is loaded (default: a fresh ``Plugin`` with `limits`); watch
  ///   mode passes one that keeps the last good version of each file.
  public init(directories: [String], files: [String] = [], workingDirectory: String, limits: LuaLimits = .standard, load: Loader? = nil) {
    let paths = files + directories.flatMap(PluginLocator.pluginFiles(in:))
    for path in paths {
      let shown = PluginLocator.displayPath(path, workingDirectory: workingDirectory)
      do {
        let plugin = try load?(path, shown) ?? Plugin(path: path, displayPath: shown, limits: limits)
        if let first = self.plugin(id: plugin.framework.id) {
          notes.append("\(shown): plugin '\(plugin.framework.id)' is not used: \(first.file) has the same id and comes first")
        } else {
          plugins.append(plugin)
        }
      } catch let error as PluginError {
        failures.append(error)
      } catch {
        failures.append(PluginError(kind: .runtime, file: shown, problems: ["\(error)"]))
      }
    }
  }

  /// The plugin with this id.
  public func plugin(id: String) -> Plugin? {
    plugins.first { $0.framework.id == id }
  }

  /// The failure of the file that probably meant to define `id` (same file name), if any.
  public func failure(probablyFor id: String) -> PluginError? {
    failures.first { failure in
      failure.pluginID == id || URL(fileURLWithPath: failure.file).deletingPathExtension().lastPathComponent == id
        || URL(fileURLWithPath: failure.file).deletingLastPathComponent().lastPathComponent == id
    }
  }
}
