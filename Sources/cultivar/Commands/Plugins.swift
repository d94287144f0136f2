import ArgumentParser
import CultivarKit

/// `cultivar plugins list|check`
struct Plugins: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List and check framework plugins.",
    subcommands: [List.self, Check.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the plugins found: id, name, version, file, dimension and item counts.")
    @OptionGroup var plugins: PluginOptions

    func run() throws {
      let (text, failures) = PluginsJob(workspace: plugins.workspace).list()
      Terminal.out(text)
      for failure in failures { Terminal.err("warning: \(failure.file) failed to load: \(failure.problems.first ?? "")") }
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate plugins and list every problem; exits non-zero on any.")
    @Argument(help: ArgumentHelp("Plugin files to check (default: every plugin found).", valueName: "file"))
    var files: [String] = []
    @OptionGroup var plugins: PluginOptions

    func run() throws {
      do {
        Terminal.out(try PluginsJob(workspace: plugins.workspace).check(files: files))
      } catch let problems as PluginProblems {
        if !problems.passed.isEmpty { Terminal.out(problems.passed.joined(separator: "\n") + "\n") }
        throw Terminal.fail(problems)
      }
    }
  }
}
