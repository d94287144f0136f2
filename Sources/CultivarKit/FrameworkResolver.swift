import PluginHost
import Scoring
import SurveyIO
import SurveyModel

/// Matches a survey's framework ids to loaded plugins and checks the item subsets.
enum FrameworkResolver {
  /// The plugins of the survey, in survey order.
  /// - Throws: ``InputProblems`` naming the survey line of each unknown id or item.
  static func resolve(_ survey: SurveyDefinition, catalog: PluginCatalog) throws -> [(plugin: Plugin, items: [String]?)] {
    var problems: [InputError] = []
    var resolved: [(plugin: Plugin, items: [String]?)] = []
    let known = catalog.plugins.map(\.framework.id) + catalog.otherIDs
    for use in survey.frameworks {
      guard let plugin = catalog.plugin(id: use.id) else {
        var hint = known.isEmpty ? "no plugins were found; put the plugin in plugins/ or pass --plugins DIR" : "available plugins: \(known.joined(separator: ", "))"
        if let failure = catalog.failure(probablyFor: use.id) {
          hint = "\(failure.file) failed to load:\n\(failure.description)"
        }
        problems.append(InputError(kind: .survey, file: survey.file, line: use.line, message: "no plugin with id '\(use.id)'\(Suggestion.hint(for: use.id, in: known))", hint: hint))
        continue
      }
      if let subset = use.items {
        let itemIDs = plugin.framework.items.map(\.id)
        for item in subset where !itemIDs.contains(item) {
          problems.append(InputError(kind: .survey, file: survey.file, line: use.line, message: "framework '\(use.id)' has no item '\(item)'\(Suggestion.hint(for: item, in: itemIDs))"))
        }
      }
      resolved.append((plugin, use.items))
    }
    var owner: [String: String] = [:]
    for (plugin, subset) in resolved {
      for item in plugin.framework.items where subset?.contains(item.id) ?? true {
        if let other = owner[item.id] {
          problems.append(InputError(kind: .survey, file: survey.file, message: "item id '\(item.id)' is used by both '\(other)' and '\(plugin.framework.id)'", hint: "response columns are item ids, so they must be unique in a survey; use 'items:' to leave one out"))
        }
        owner[item.id] = plugin.framework.id
      }
    }
    problems += SurveyLanguages.problems(survey, plugins: resolved.map(\.plugin))
    if !problems.isEmpty { throw InputProblems(problems) }
    return resolved
  }
}
