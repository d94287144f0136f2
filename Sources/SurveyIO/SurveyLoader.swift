import Foundation
import SurveyModel
import Yams

/// Reads survey definitions (`surveys/*.yaml`) and reports every problem with its line.
public enum SurveyLoader {
  static let topLevelKeys = [
    "id", "title", "frameworks", "columns", "min_group_size", "description", "team_mapping", "attributes", "languages", "default_language",
  ]
  static let columnKeys = ["respondent", "team", "ignore", "language"]
  /// The most YAML nodes a survey may expand to, aliases counted each time they are used.
  public static let maxNodes = 100_000
  /// The largest survey file read (a survey is a few kilobytes).
  public static let maxBytes = 4 << 20

  /// Loads and checks a survey file.
  /// - Parameter displayName: how messages name the file (defaults to `path`).
  /// - Throws: ``InputError`` or ``InputProblems`` (kind `.survey`).
  public static func load(path: String, displayName: String? = nil) throws -> SurveyDefinition {
    let name = displayName ?? path
    guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.read(upToCount: maxBytes + 1) ?? Data() else {
      throw InputError(kind: .file, file: name, message: "cannot read the survey file", hint: "check the path; surveys live in surveys/*.yaml")
    }
    try? handle.close()
    guard data.count <= maxBytes else {
      throw InputError(
        kind: .survey, file: name, message: "the survey file is larger than \(maxBytes >> 20) MiB",
        hint: "a survey definition is a few kilobytes; check that this is the right file")
    }
    return try parse(try UTF8Check.text(of: data, file: name, kind: .survey), file: name)
  }

  /// Parses survey YAML text.
  public static func parse(_ text: String, file: String) throws -> SurveyDefinition {
    // The YAML library hashes every mapping key in full to find duplicates, so an alias used
    // as a key costs its whole expansion before any budget can be checked: refuse it first.
    if let line = aliasKeyLine(text) {
      throw InputError(
        kind: .survey, file: file, line: line, message: "an alias ('*name') is used as a mapping key",
        hint: "write the key out; survey keys are plain text")
    }
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw InputError(kind: .survey, file: file, message: "the survey file is empty", hint: "start from surveys/learning-culture.yaml")
      }
      root = node
    } catch let error as YamlError {
      throw yamlError(error, file: file)
    }
    // Aliases share nodes, so a few hundred bytes can stand for billions of them (an
    // "alias bomb"): count what a walk would visit, stopping at the limit.
    var budget = maxNodes
    guard root.fitsIn(&budget) else {
      throw InputError(
        kind: .survey, file: file,
        message: "the survey file expands to more than \(maxNodes) YAML nodes (aliases '*name' that repeat anchors '&name' multiply them)",
        hint: "write the survey without nested aliases; a survey needs a few hundred nodes")
    }
    var reader = NodeReader(file: file)
    let survey = reader.survey(root)
    if !reader.problems.isEmpty { throw InputProblems(reader.problems) }
    return survey!
  }

  /// The line of the first alias used as a mapping key (`*a: value`, `- *a: value`,
  /// `[*a: value]`, `? *a`), if any: an alias at the start of a line, list item or flow
  /// entry followed by a colon, or after a complex-key `?`.
  static func aliasKeyLine(_ text: String) -> Int? {
    let bytes = Array(text.utf8)
    var line = 1
    var atEntryStart = true  // only spaces (and '-', '?', '[', '{', ',') since the line or entry began
    var afterQuestion = false
    var i = 0
    while i < bytes.count {
      let c = bytes[i]
      if c == 0x0A {
        line += 1
        atEntryStart = true
        afterQuestion = false
      } else if c == 0x2A, atEntryStart {  // '*'
        var j = i + 1
        while j < bytes.count, Self.isAnchorCharacter(bytes[j]) { j += 1 }
        var k = j
        while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
        let colonFollows =
          k < bytes.count && bytes[k] == 0x3A && (k + 1 == bytes.count || [0x20, 0x09, 0x0A, 0x0D, 0x2C, 0x5D, 0x7D].contains(bytes[k + 1]))
        if j > i + 1, colonFollows || afterQuestion { return line }
        atEntryStart = false
        i = j
        continue
      } else if c == 0x23, atEntryStart || (i > 0 && (bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09)) {  // a comment
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
        continue
      } else if c == 0x3F {
        afterQuestion = atEntryStart
      } else if c == 0x5B || c == 0x7B || c == 0x2C {
        atEntryStart = true
      } else if c != 0x20, c != 0x09, c != 0x2D, c != 0x0D {
        atEntryStart = false
        afterQuestion = false
      }
      i += 1
    }
    return nil
  }

  private static func isAnchorCharacter(_ c: UInt8) -> Bool {
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D
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
    let (title, titles) = localizedTitle(map)
    var minGroupSize = 5
    if let node = map["min_group_size"] {
      if let k = node.int, k >= 1 {
        minGroupSize = k
      } else {
        problem(node, "'min_group_size' must be a whole number of at least 1 (got '\(node.any)')")
      }
      if let k = node.int, k < 3 { problem(node, "'min_group_size' below 3 cannot protect anonymity (got \(k))", hint: "use 5, the common default") }
    }
    var survey = SurveyDefinition(id: id, title: title, frameworks: frameworks(map), minGroupSize: minGroupSize, file: file)
    if let columns = map["columns"] {
      if let columnMap = columns.mapping {
        checkKeys(columnMap, allowed: SurveyLoader.columnKeys, context: "columns")
        survey.respondentColumn = string(columnMap, "respondent") ?? survey.respondentColumn
        survey.teamColumn = string(columnMap, "team") ?? survey.teamColumn
        survey.ignoredColumns = stringList(columnMap["ignore"], name: "columns.ignore") ?? []
        if let column = string(columnMap, "language") {
          survey.languageColumn = column
          survey.ignoredColumns.append(column)
        }
      } else {
        problem(columns, "'columns' must be a mapping with 'respondent', 'team' and 'ignore'")
      }
    }
    (survey.languages, survey.languagesLine) = languages(map)
    survey.titles = titles
    if let first = survey.defaultLanguage, let title = titles[first] { survey.title = title }
    checkTitles(survey, node: map["title"])
    if let mapping = map["team_mapping"] {
      survey.teamMapping = teamMapping(mapping)
    }
    if let node = map["attributes"] {
      survey.attributes = attributes(node)
      let taken = [survey.respondentColumn, survey.teamColumn] + survey.ignoredColumns
      for a in survey.attributes where taken.contains(a.name) {
        problems.append(
          InputError(
            kind: .survey, file: file, line: a.line, message: "attribute '\(a.name)' is also the respondent, team or an ignored column",
            hint: "name the attribute after its own column, and remove it from 'columns'"))
      }
    }
    return survey
  }

  /// `attributes:` — `location: [Berlin, Lisbon]`, `role: { values: [IC, Lead] }` or
  /// `tenure: { bands: [1, 3] }`; a mapping may add `question:` (the text that asks it).
  mutating func attributes(_ node: Node) -> [Attribute] {
    guard let map = node.mapping else {
      problem(
        node, "'attributes' must map each attribute column to its values",
        hint: "for example: attributes: { location: [Berlin, Lisbon, Remote], tenure: { bands: [1, 3] } }")
      return []
    }
    var out: [Attribute] = []
    for (key, value) in map {
      guard let name = key.string, key.scalar != nil, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
        problem(key, "an attribute's name must be text (its column in the responses)")
        continue
      }
      let line = key.mark?.line ?? 0
      var list = value.sequence
      var limits: [Double]? = nil
      var question: String? = nil
      if let spec = value.mapping {
        checkKeys(spec, allowed: ["values", "bands", "question"], context: "attribute '\(name)'")
        if let node = spec["question"] {
          if let text = node.scalar?.string.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            question = text
          } else {
            problem(node, "the question of attribute '\(name)' must be non-empty text")
          }
        }
        if let bands = spec["bands"] {
          guard let numbers = bands.sequence?.compactMap({ $0.scalar.flatMap { Double($0.string) } }), numbers.count == bands.sequence?.count,
            !numbers.isEmpty, numbers.count < Attribute.maximumValues, numbers.allSatisfy(\.isFinite),
            zip(numbers, numbers.dropFirst()).allSatisfy({ $0 < $1 })
          else {
            problem(bands, "bands of attribute '\(name)' must be a list of finite numbers in increasing order (e.g. [1, 3] for <1, 1-3, 3+)")
            continue
          }
          limits = numbers
        }
        list = spec["values"]?.sequence
        if limits == nil, list == nil {
          problem(value, "attribute '\(name)' needs 'values' (a list) or 'bands' (a list of numbers)")
          continue
        }
      }
      if let limits {
        var banded = Attribute.banded(name: name, limits: limits, line: line)
        banded.question = question
        out.append(banded)
        continue
      }
      guard let list, !list.isEmpty else {
        problem(value, "attribute '\(name)' must list its values, e.g. \(name): [A, B]")
        continue
      }
      var values: [String] = []
      for item in list {
        guard let text = item.scalar?.string.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
          problem(item, "a value of attribute '\(name)' must be non-empty text")
          continue
        }
        if values.contains(text) { problem(item, "attribute '\(name)' lists '\(text)' twice") } else { values.append(text) }
      }
      if values.count > Attribute.maximumValues {
        problem(
          value, "attribute '\(name)' has \(values.count) values; at most \(Attribute.maximumValues)", hint: "group values, or use bands for numbers")
        continue
      }
      var listed = Attribute(name: name, values: values, line: line)
      listed.question = question
      out.append(listed)
    }
    return out
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
        problem(
          key, "unknown key '\(name)' in the \(context)\(Suggestion.hint(for: name, in: allowed))",
          hint: "allowed keys: \(allowed.joined(separator: ", "))")
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
  /// The node's value for messages (at most 80 characters).
  var any: String {
    if let text = scalar?.string { return Shortening.shortened(text, to: 80) }
    return sequence != nil ? "a list" : "a mapping"
  }

  /// Whether the tree under this node, aliases expanded, has at most `budget` nodes;
  /// `budget` is reduced by those counted. Stops as soon as the budget is spent.
  func fitsIn(_ budget: inout Int) -> Bool {
    budget -= 1
    guard budget >= 0 else { return false }
    switch self {
    case .scalar, .alias: return true
    case .sequence(let list):
      for node in list where !node.fitsIn(&budget) { return false }
      return true
    case .mapping(let map):
      for (key, value) in map where !key.fitsIn(&budget) || !value.fitsIn(&budget) { return false }
      return true
    }
  }
}
