import ArgumentParser

/// The `cultivar` command: culture surveys scored by Lua framework plugins. Both executables
/// (`cultivar` and `cultivar-net`) run it.
public struct Cultivar: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "cultivar",
    abstract: "Score learning-culture surveys per team with frameworks written as Lua plugins.",
    discussion: """
      Exit codes: 0 ok, 64 usage, 65 invalid response rows, 66 missing input or wave, 69 cultivar-net not found, \
      70 a plugin failed while scoring, 73 output not writable, 74 store not usable, 78 broken survey or plugin.
      """,
    version: "0.1.0",
    subcommands: [
      Score.self, Compare.self, Drivers.self, Comments.self, Selections.self, Import.self, Trend.self, Take.self, Invite.self, Serve.self,
      StoreCommand.self, Plugins.self, Report.self,
    ])

  public init() {}
}

extension Cultivar {
  /// Parses the process's arguments and runs the command they name, as `@main` would: each
  /// executable calls it after its own set-up. (A bare `Cultivar.main()` outside `@main`
  /// resolves to ArgumentParser's synchronous entry point, which refuses an async root command.)
  public static func runCommandLine() async {
    do {
      var command = try await asyncParseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      exit(withError: error)
    }
  }
}
