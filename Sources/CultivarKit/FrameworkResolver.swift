import PluginHost
import Scoring
import SurveyIO
import SurveyModel

/// Matches a survey's framework ids to loaded plugins and checks the item subsets.
enum FrameworkResolver {
  /// The plugins of the survey, in survey order.
  /// - Throws: ``SurveyPluginFailures`` when a named plugin failed to load (its load error
  ///   first, then the survey's line); ``InputProblems`` naming the survey line of each
  ///   unknown id or item.
  static func resolve(_ survey: SurveyDefinition, catalog: PluginCatalog) throws -> [(plugin: Plugin, items: [String]?)] {
    var problems: [InputError] = []
    var loadErrors: [PluginError] = []
    var resolved: [(plugin: Plugin, items: [String]?)] = []
    let known = catalog.plugins.map(\.framework.id) + catalog.otherIDs
    for use in survey.frameworks {
      guard let plugin = catalog.plugin(id: use.id) else {
        if let failure = catalog.failure(probablyFor: use.id) {
          if !loadErrors.contains(where: { $0.file == failure.file }) { loadErrors.append(failure) }
          problems.append(
            InputError(
              kind: .survey, file: survey.file, line: use.line,
              message: "framework '\(use.id)' cannot be used: its plugin \(failure.file) failed to load (the error is shown above)",
              hint: "fix \(failure.file); 'cultivar plugins check \(failure.file)' lists every problem"))
          continue
        }
        let failed = catalog.failures.filter { failure in !loadErrors.contains { $0.file == failure.file } }
        var hint: String
        if !failed.isEmpty {
          loadErrors += failed
          hint =
            "\(Counted.phrase(failed.count, "plugin file")) failed to load (shown above): \(failed.map(\.file).joined(separator: ", ")); one of them may define '\(use.id)'"
          if !known.isEmpty { hint += "; loaded plugins: \(known.joined(separator: ", "))" }
        } else if known.isEmpty {
          hint = "no plugins were found; put the plugin in plugins/ or pass --plugins DIR"
        } else {
          hint = "available plugins: \(known.joined(separator: ", "))"
        }
        problems.append(
          InputError(
            kind: .survey, file: survey.file, line: use.line, message: "no plugin with id '\(use.id)'\(Suggestion.hint(for: use.id, in: known))",
            hint: hint))
        continue
      }
      if let subset = use.items {
        let itemIDs = (plugin.framework.items + plugin.framework.unscoredItems).map(\.id)
        for item in subset where !itemIDs.contains(item) {
          problems.append(
            InputError(
              kind: .survey, file: survey.file, line: use.line,
              message: "framework '\(use.id)' has no item '\(item)'\(Suggestion.hint(for: item, in: itemIDs))"))
        }
        // A measure of one item (an eNPS question, say) has no value without its item.
        for measure in plugin.framework.measures {
          if case .item(let item) = measure.source, !subset.contains(item) {
            problems.append(
              InputError(
                kind: .survey, file: survey.file, line: use.line,
                message: "framework '\(use.id)': its measure '\(measure.id)' is the answer to item '\(item)', which 'items:' leaves out",
                hint: "add '\(item)' to the framework's 'items:' list"))
          }
        }
      }
      resolved.append((plugin, use.items))
    }
    var owner: [String: String] = [:]
    for (plugin, subset) in resolved {
      for item in plugin.framework.items + plugin.framework.unscoredItems where subset?.contains(item.id) ?? true {
        if let other = owner[item.id] {
          problems.append(
            InputError(
              kind: .survey, file: survey.file, message: "item id '\(item.id)' is used by both '\(other)' and '\(plugin.framework.id)'",
              hint: "response columns are item ids, so they must be unique in a survey; use 'items:' to leave one out"))
        }
        owner[item.id] = plugin.framework.id
      }
    }
    problems += SurveyLanguages.problems(survey, plugins: resolved.map(\.plugin))
    if !loadErrors.isEmpty { throw SurveyPluginFailures(loadErrors: loadErrors, survey: InputProblems(problems)) }
    if !problems.isEmpty { throw InputProblems(problems) }
    return resolved
  }
}

/// A survey naming plugins that failed to load: each plugin's load error (at the plugin's
/// file and line) comes first, then the survey's lines that name them.
public struct SurveyPluginFailures: Diagnostic {
  /// The load errors, one per plugin file.
  public var loadErrors: [PluginError]
  /// The survey's problems, starting with the lines naming those plugins.
  public var survey: InputProblems
  public var exitStatus: ExitStatus { .configuration }
  public var description: String {
    (loadErrors.map(\.description) + [survey.description]).joined(separator: "\n")
  }
}
