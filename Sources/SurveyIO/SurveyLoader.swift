import Foundation
import SurveyModel
import Yams

/// Reads survey definitions (`surveys/*.yaml`) and reports every problem with its line.
public enum SurveyLoader {
  static let topLevelKeys = ["id", "title", "frameworks", "columns", "min_group_size", "description", "team_mapping"]
  static let columnKeys = ["respondent", "team", "ignore"]

  /// Loads and checks a survey file.
  /// - Parameter displayName: how messages name the file (defaults to `path`).
  /// - Throws: ``InputError`` or ``InputProblems`` (kind `.survey`).
  public static func load(path: String, displayName: String? = nil) throws -> SurveyDefinition {
    let name = displayName ?? path
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(kind: .file, file: name, message: "cannot read the survey file", hint: "check the path; surveys live in surveys/*.yaml")
    }
    return try parse(String(decoding: data, as: UTF8.self), file: name)
  }

  /// Parses survey YAML text.
  public static func parse(_ text: String, file: String) throws -> SurveyDefinition {
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw InputError(kind: .survey, file: file, message: "the survey file is empty", hint: "start from surveys/learning-culture.yaml")
      }
      root = node
    } catch let error as YamlError {
      throw yamlError(error, file: file)
    }
    var reader = NodeReader(file: file)
    let survey = reader.survey(root)
    if !reader.problems.isEmpty { throw InputProblems(reader.problems) }
    return survey!
  }

  private static func yamlError(_ error: YamlError, file: String) -> InputError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
      return InputError(kind: .survey, file: file, line: mark.line, message: "invalid YAML: \(problem)")
    default:
      return InputError(kind: .survey, file: file, message: "invalid YAML: \(error)")
    }
  }
}

/// Walks the YAML nodes of a survey, collecting problems instead of stopping at the first.
struct NodeReader {
  let file: String
  var problems: [InputError] = []

  mutating func problem(_ node: Node?, _ message: String, hint: String? = nil) {
    problems.append(InputError(kind: .survey, file: file, line: node?.mark?.line ?? 0, message: message, hint: hint))
  }

  mutating func survey(_ root: Node) -> SurveyDefinition? {
    guard let map = root.mapping else {
      problem(root, "a survey file must be a mapping with 'id', 'title' and 'frameworks'")
      return nil
    }
    checkKeys(map, allowed: SurveyLoader.topLevelKeys, context: "survey")
    let id = string(map, "id", required: true) ?? ""
    let title = string(map, "title", required: true) ?? ""
    var minGroupSize = 5
    if let node = map["min_group_size"] {
      if let k = node.int, k >= 1 { minGroupSize = k } else { problem(node, "'min_group_size' must be a whole number of at least 1 (got '\(node.any)')") }
      if let k = node.int, k < 3 { problem(node, "'min_group_size' below 3 cannot protect anonymity (got \(k))", hint: "use 5, the common default") }
    }
    var survey = SurveyDefinition(id: id, title: title, frameworks: frameworks(map), minGroupSize: minGroupSize, file: file)
    if let columns = map["columns"] {
      if let columnMap = columns.mapping {
        checkKeys(columnMap, allowed: SurveyLoader.columnKeys, context: "columns")
        survey.respondentColumn = string(columnMap, "respondent") ?? survey.respondentColumn
        survey.teamColumn = string(columnMap, "team") ?? survey.teamColumn
        survey.ignoredColumns = stringList(columnMap["ignore"], name: "columns.ignore") ?? []
      } else {
        problem(columns, "'columns' must be a mapping with 'respondent', 'team' and 'ignore'")
      }
    }
    if let mapping = map["team_mapping"] {
      survey.teamMapping = teamMapping(mapping)
    }
    return survey
  }

  mutating func frameworks(_ map: Node.Mapping) -> [SurveyDefinition.FrameworkUse] {
    guard let node = map["frameworks"] else {
      problem(nil, "the survey names no frameworks: add 'frameworks:' with the ids of plugins to use", hint: "'cultivar plugins list' shows the ids")
      return []
    }
    guard let list = node.sequence, !list.isEmpty else {
      problem(node, "'frameworks' must be a list of plugin ids")
      return []
    }
    var uses: [SurveyDefinition.FrameworkUse] = []
    for entry in list {
      let line = entry.mark?.line ?? 0
      if let id = entry.string {
        uses.append(.init(id: id, line: line))
      } else if let entryMap = entry.mapping {
        checkKeys(entryMap, allowed: ["id", "items"], context: "framework entry")
        guard let id = string(entryMap, "id", required: true) else { continue }
        uses.append(.init(id: id, items: stringList(entryMap["items"], name: "items"), line: line))
      } else {
        problem(entry, "each framework is a plugin id, or a mapping with 'id' and 'items'")
      }
    }
    var seen = Set<String>()
    for use in uses where !seen.insert(use.id).inserted {
      problems.append(InputError(kind: .survey, file: file, line: use.line, message: "framework '\(use.id)' is listed twice"))
    }
    return uses
  }

  mutating func checkKeys(_ map: Node.Mapping, allowed: [String], context: String) {
    for key in map.keys {
      guard let name = key.string else {
        problem(key, "keys of the \(context) must be text")
        continue
      }
      if !allowed.contains(name) {
        problem(key, "unknown key '\(name)' in the \(context)\(Suggestion.hint(for: name, in: allowed))", hint: "allowed keys: \(allowed.joined(separator: ", "))")
      }
    }
  }

  mutating func string(_ map: Node.Mapping, _ key: String, required: Bool = false) -> String? {
    guard let node = map[key] else {
      if required { problem(nil, "'\(key)' is missing") }
      return nil
    }
    guard let value = node.string, node.scalar != nil, !value.isEmpty else {
      problem(node, "'\(key)' must be non-empty text")
      return nil
    }
    return value
  }

  mutating func stringList(_ node: Node?, name: String) -> [String]? {
    guard let node else { return nil }
    guard let list = node.sequence?.compactMap(\.string), list.count == node.sequence?.count else {
      problem(node, "'\(name)' must be a list of text values")
      return nil
    }
    return list
  }
}

extension Node {
  /// The node's value for messages.
  var any: String { scalar?.string ?? "\(self)" }
}
