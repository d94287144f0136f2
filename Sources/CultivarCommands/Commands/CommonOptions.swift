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

  func validate() throws {
    guard luaMemory >= 1, luaMemory <= 1 << 20 else { throw ValidationError("--lua-memory must be between 1 and 1048576 MiB (got \(luaMemory))") }
    guard luaTimeout.isFinite, luaTimeout > 0, luaTimeout <= 86_400 else {
      throw ValidationError("--lua-timeout must be a number of seconds above 0 and at most 86400 (got \(luaTimeout))")
    }
  }

  var workspace: Workspace {
    Workspace(pluginDirectories: directories, limits: LuaLimits(memoryBytes: luaMemory << 20, timePerCall: .milliseconds(Int64(luaTimeout * 1000))))
  }
}
