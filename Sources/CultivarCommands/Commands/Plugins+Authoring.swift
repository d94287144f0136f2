import ArgumentParser
import CultivarKit
import SurveyModel

extension Plugins {
  /// `cultivar plugins new NAME`
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "new",
      abstract: "Create a commented plugin, its test fixture, a survey that uses it and sample responses.",
      discussion:
        "Writes DIR/NAME/NAME.lua, DIR/NAME/tests/example.csv and example.expected.json, surveys/NAME.yaml and surveys/NAME-responses.csv. Never overwrites a file."
    )
    @Argument(help: ArgumentHelp("The plugin's name and id: lowercase letters, digits and '-'.", valueName: "name"))
    var name: String
    @Option(help: ArgumentHelp("The plugins folder.", valueName: "dir"))
    var dir = "plugins"
    @Option(help: ArgumentHelp("The surveys folder.", valueName: "dir"))
    var surveys = "surveys"

    func run() throws {
      do {
        Terminal.out(
          try PluginScaffold(name: name, pluginsDirectory: dir, surveysDirectory: surveys, workspace: Workspace(pluginDirectories: [dir])).run())
      } catch {
        throw Terminal.fail(error)
      }
    }
  }

  /// `cultivar plugins types`
  struct Types: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "types",
      abstract: "Write editor definitions (LuaLS) for the plugin table and the cultivar module, and a .luarc.json.",
      discussion:
        "Open the folder in an editor with the Lua language server (e.g. VS Code's 'Lua' extension) to get completion, hover help and type checks in plugin files."
    )
    @Option(help: ArgumentHelp("The project folder: .luarc.json goes here, the definitions in its types/ folder.", valueName: "dir"))
    var out = "."
    @Flag(help: "Replace an existing .luarc.json.")
    var force = false

    func run() throws {
      do { Terminal.out(try PluginTypesJob(directory: out, force: force).run()) } catch { throw Terminal.fail(error) }
    }
  }

  /// `cultivar plugins docs`
  struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "docs",
      abstract: "Print the plugin API reference, generated from the host registry, or update it in Markdown files.")
    @Option(help: ArgumentHelp("Rewrite the generated sections of this Markdown file (repeatable).", valueName: "file"))
    var update: [String] = []
    @Flag(help: "With --update: only check that the files are up to date; exit non-zero if not.")
    var check = false

    func run() throws {
      if update.isEmpty {
        Terminal.out(PluginDocsJob().reference())
        return
      }
      do { Terminal.out(try PluginDocsJob().update(files: update, check: check)) } catch { throw Terminal.fail(error) }
    }
  }
}

extension Plugins {
  /// `cultivar plugins run FILE --responses CSV`
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Try a plugin on a few responses: each respondent's scores and score-hook result, then each team's index and band.",
      discussion:
        "Hook errors are shown where they happen and the run carries on; the exit status is 70 when any hook failed. Columns other than respondent_id, team and the plugin's item ids are ignored unless --survey gives the layout."
    )
    @Argument(help: ArgumentHelp("The plugin file.", valueName: "file"))
    var file: String
    @Option(help: ArgumentHelp("A response file (CSV with a header row).", valueName: "csv"))
    var responses: String
    @Option(help: ArgumentHelp("How many respondents to try (0 = all).", valueName: "n"))
    var rows = 5
    @Option(help: ArgumentHelp("A survey file whose 'columns:' describe the response file.", valueName: "file"))
    var survey: String?
    @OptionGroup var plugins: PluginOptions

    func validate() throws {
      guard rows >= 0 else { throw ValidationError("--rows must be 0 (all) or more") }
    }

    func run() throws {
      do {
        let outcome = try PluginRunJob(pluginPath: file, responsesPath: responses, rows: rows, surveyPath: survey, workspace: plugins.workspace).run()
        Terminal.out(outcome.text)
        if outcome.hooksFailed > 0 { throw ExitCode(ExitStatus.pluginFailure.rawValue) }
      } catch let exit as ExitCode {
        throw exit
      } catch {
        throw Terminal.fail(error)
      }
    }
  }
}
