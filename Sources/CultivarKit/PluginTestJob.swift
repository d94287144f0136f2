import Foundation
import PluginHost
import SurveyIO
import SurveyModel

/// `cultivar plugins test`: runs each plugin's fixtures (`tests/*.csv` with
/// `tests/*.expected.json` in the plugin's folder) and reports every mismatch.
public struct PluginTestJob {
  public var workspace: Workspace

  public init(workspace: Workspace) {
    self.workspace = workspace
  }

  /// The outcome: one line per fixture, and whether all passed.
  public struct Result {
    public var lines: [String]
    public var passed: Bool
    public var fixturesRun: Int
  }

  /// Runs the fixtures of the named plugins (ids or folder names), or of every plugin.
  public func run(names: [String]) -> Result {
    let catalog = workspace.catalog()
    var lines: [String] = []
    var passed = true
    var count = 0
    for failure in catalog.failures where names.isEmpty || names.contains(where: { failure.file.contains($0) }) {
      lines.append("✗ \(failure.file) does not load:\n    \(failure.description.replacingOccurrences(of: "\n", with: "\n    "))")
      passed = false
    }
    let chosen = catalog.plugins.filter { plugin in
      names.isEmpty || names.contains(plugin.framework.id) || names.contains(folderName(of: plugin))
    }
    for name in names
    where !chosen.contains(where: { $0.framework.id == name || folderName(of: $0) == name })
      && !catalog.failures.contains(where: { $0.file.contains(name) })
    {
      lines.append("✗ no plugin named '\(name)'\(Suggestion.hint(for: name, in: catalog.plugins.map(\.framework.id)))")
      passed = false
    }
    for plugin in chosen {
      let fixtures = isFolderPlugin(plugin) ? PluginFixture.find(pluginFolder: (plugin.path as NSString).deletingLastPathComponent) : []
      if fixtures.isEmpty {
        lines.append("- \(plugin.framework.id): no tests (add tests/NAME.csv and tests/NAME.expected.json beside \(plugin.file))")
        continue
      }
      for fixture in fixtures {
        count += 1
        let (ok, report) = runFixture(fixture, plugin: plugin, catalog: catalog)
        passed = passed && ok
        lines.append(report)
      }
    }
    return Result(lines: lines, passed: passed, fixturesRun: count)
  }

  private func folderName(of plugin: Plugin) -> String {
    ((plugin.path as NSString).deletingLastPathComponent as NSString).lastPathComponent
  }

  private func isFolderPlugin(_ plugin: Plugin) -> Bool {
    let file = (plugin.path as NSString).lastPathComponent
    return file == "init.lua" || file == folderName(of: plugin) + ".lua"
  }

  private func runFixture(_ responses: String, plugin: Plugin, catalog: PluginCatalog) -> (Bool, String) {
    let shown = workspace.display(responses)
    let fixture: PluginFixture
    do { fixture = try PluginFixture(responses: responses, shown: shown) } catch {
      return (false, failure(plugin, shown, [String(describing: error)]))
    }
    do {
      let survey = SurveyDefinition(
        id: "test", title: plugin.framework.name, frameworks: [.init(id: plugin.framework.id)],
        minGroupSize: fixture.minGroupSize, file: shown)
      var scoring = try SurveyScoring(survey: survey, catalog: catalog, withholdHookLog: false)
      scoring.policy = .forPluginFixtures(minGroupSize: fixture.minGroupSize)
      let reader = try ResponseFileReader(path: responses, displayName: shown, survey: scoring.survey, items: scoring.itemColumns)
      let outcome = try scoring.score(reader, skipInvalid: false)
      if !fixture.errorIncludes.isEmpty {
        return (
          false,
          failure(
            plugin, shown,
            ["expected scoring to fail with an error containing \(fixture.errorIncludes.map { "'\($0)'" }.joined(separator: ", ")), but it succeeded"]
          )
        )
      }
      let mismatches = FixtureComparison.mismatches(fixture, result: outcome.frameworks[0])
      let checks = fixture.expectations.values.reduce(0) { $0 + $1.count }
      if mismatches.isEmpty {
        return (
          true, "✓ \(plugin.framework.id): \(shown) (\(Counted.phrase(fixture.expectations.count, "team")), \(Counted.phrase(checks, "value")))"
        )
      }
      return (false, failure(plugin, shown, mismatches))
    } catch {
      let items = plugin.framework.items.map(\.id)
      let inCSVTerms: Error =
        switch error {
        case let problems as InputProblems: PluginFixture.csvTerms(problems, file: shown, items: items)
        case let problem as InputError: PluginFixture.csvTerms(InputProblems([problem]), file: shown, items: items)
        default: error
        }
      let text = String(describing: inCSVTerms)
      guard !fixture.errorIncludes.isEmpty else { return (false, failure(plugin, shown, [text])) }
      let missing = fixture.errorIncludes.filter { !text.contains($0) }
      if missing.isEmpty {
        return (true, "✓ \(plugin.framework.id): \(shown) (fails as expected, \(Counted.phrase(fixture.errorIncludes.count, "passage")))")
      }
      return (false, failure(plugin, shown, ["the error does not contain \(missing.map { "'\($0)'" }.joined(separator: ", ")); it was:\n" + text]))
    }
  }

  private func failure(_ plugin: Plugin, _ shown: String, _ lines: [String]) -> String {
    "✗ \(plugin.framework.id): \(shown)\n" + lines.map { "    " + $0.replacingOccurrences(of: "\n", with: "\n    ") }.joined(separator: "\n")
  }
}
