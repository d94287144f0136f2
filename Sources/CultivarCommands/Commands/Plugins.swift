import ArgumentParser
import CultivarKit

/// `cultivar plugins list|check|test|new|run|types|docs`
struct Plugins: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plugins",
    abstract: "Write, check, test and try framework plugins.",
    subcommands: [List.self, Check.self, Test.self, New.self, Run.self, Types.self, Docs.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the plugins found: id, name, version, file, dimension and item counts.")
    @OptionGroup var plugins: PluginOptions

    func run() throws {
      let (text, failures) = PluginsJob(workspace: plugins.workspace).list()
      Terminal.out(text)
      for failure in failures { Terminal.err("warning: \(failure.file) failed to load: \(failure.problems.first ?? "")") }
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Validate plugins and run every hook on made-up data; list every problem; exits non-zero on any.",
      discussion:
        "The made-up data comes from each plugin's own items, dimensions and scale: answers at both ends and the middle, unanswered items, a respondent who answered nothing, a team of one, a team in which nobody answered a dimension, and the organisation row."
    )
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

  struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "test",
      abstract: "Run plugins' test fixtures (tests/NAME.csv and tests/NAME.expected.json in the plugin's folder).",
      discussion: "Prints a readable difference for every expected score that does not match; exits non-zero on any failure.")
    @Argument(help: ArgumentHelp("Plugin ids or folder names (default: every plugin).", valueName: "name"))
    var names: [String] = []
    @OptionGroup var plugins: PluginOptions

    func run() throws {
      let result = PluginTestJob(workspace: plugins.workspace).run(names: names)
      Terminal.out(result.lines.joined(separator: "\n") + "\n")
      Terminal.out("\(result.fixturesRun) fixture\(result.fixturesRun == 1 ? "" : "s") run: \(result.passed ? "all passed" : "FAILED")\n")
      if !result.passed { throw ExitCode(1) }
    }
  }
}
