import Foundation
import LuaBridge
import PluginHost
import Store

/// Where the command runs: the working directory, the plugin folders given on the command line
/// and in the environment, and the Lua limits.
public struct Workspace: Sendable {
  public var workingDirectory: String
  /// `--plugins DIR` folders, in the order given.
  public var pluginDirectories: [String]
  /// The value of `CULTIVAR_PLUGIN_PATH`.
  public var pluginPath: String?
  public var limits: LuaLimits

  public init(
    workingDirectory: String = FileManager.default.currentDirectoryPath, pluginDirectories: [String] = [],
    pluginPath: String? = ProcessInfo.processInfo.environment["CULTIVAR_PLUGIN_PATH"], limits: LuaLimits = .standard
  ) {
    self.workingDirectory = workingDirectory
    self.pluginDirectories = pluginDirectories
    self.pluginPath = pluginPath
    self.limits = limits
  }

  /// The plugin folders for a survey file (or none), in precedence order.
  public func pluginFolders(surveyFile: String?) -> [String] {
    PluginLocator.directories(explicit: pluginDirectories, environment: pluginPath, surveyFile: surveyFile, workingDirectory: workingDirectory)
  }

  /// Loads the plugins visible from here: every one, or with `only`, just those ids (a
  /// survey's frameworks; see ``PluginCatalog``).
  public func catalog(surveyFile: String? = nil, extraFiles: [String] = [], only: Set<String>? = nil) -> PluginCatalog {
    PluginCatalog(
      directories: pluginFolders(surveyFile: surveyFile), files: extraFiles, workingDirectory: workingDirectory, limits: limits, only: only)
  }

  /// `path` as shown in messages (relative to the working directory when inside it).
  public func display(_ path: String) -> String {
    PluginLocator.displayPath(path, workingDirectory: workingDirectory)
  }

  /// The response store path: `explicit` (`--store`), else `$CULTIVAR_STORE`, else
  /// `cultivar.sqlite` in the working directory.
  public static func storePath(explicit: String?) -> String {
    StoreLocation.resolve(explicit: explicit)
  }
}
