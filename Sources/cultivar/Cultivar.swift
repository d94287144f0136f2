import ArgumentParser

/// The `cultivar` command: culture surveys scored by Lua framework plugins.
@main
struct Cultivar: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cultivar",
    abstract: "Score learning-culture surveys per team with frameworks written as Lua plugins.",
    discussion: """
      Exit codes: 0 ok, 64 usage, 65 invalid response rows, 66 missing input or wave, 70 a plugin failed \
      while scoring, 73 output not writable, 74 store not usable, 78 broken survey or plugin.
      """,
    version: "0.1.0",
    subcommands: [
      Score.self, Compare.self, Drivers.self, Comments.self, Selections.self, Import.self, Trend.self, Take.self, Invite.self, Serve.self,
      StoreCommand.self, Plugins.self, Report.self,
    ])
}
