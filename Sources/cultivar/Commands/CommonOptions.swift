import ArgumentParser
import CultivarKit
import LuaBridge

/// Options shared by every command that loads plugins.
struct PluginOptions: ParsableArguments {
  @Option(name: .customLong("plugins"), help: ArgumentHelp("A folder of plugins, searched first (repeatable).", valueName: "dir"))
  var directories: [String] = []

  @Option(help: ArgumentHelp("Memory cap of each plugin's Lua state, in MiB.", valueName: "mib"))
  var luaMemory: Int = 64

  @Option(help: ArgumentHelp("Time limit of each plugin call, in seconds.", valueName: "seconds"))
  var luaTimeout: Double = 2

  /// The largest values the limits take: 64 GiB and one day (checked before any conversion,
  /// so `inf`, `nan` or `1e10` get a clear error instead of an integer overflow).
  static let maxMemoryMiB = 65_536
  static let maxTimeoutSeconds = 86_400.0

  func validate() throws {
    guard (1...Self.maxMemoryMiB).contains(luaMemory) else {
      throw ValidationError("--lua-memory must be from 1 to \(Self.maxMemoryMiB) MiB (got \(luaMemory))")
    }
    guard luaTimeout.isFinite, luaTimeout >= 0.001, luaTimeout <= Self.maxTimeoutSeconds else {
      throw ValidationError("--lua-timeout must be a number of seconds from 0.001 to \(Int(Self.maxTimeoutSeconds)) (got \(luaTimeout))")
    }
  }

  var workspace: Workspace {
    // validate() has bounded both values, so these conversions cannot overflow.
    Workspace(pluginDirectories: directories, limits: LuaLimits(memoryBytes: luaMemory << 20, timePerCall: .milliseconds(Int64((luaTimeout * 1000).rounded()))))
  }
}
