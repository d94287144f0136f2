import SurveyModel
import Yams

/// Reading `team_mapping:`:
///
/// ```yaml
/// team_mapping:
///   renamed:
///     Support: Customer Care                        # old name: new name
///   merged:
///     Sales: [Sales EMEA, Sales Americas]           # new team: the teams merged into it
///   split:
///     Engineering: [Platform, Product Engineering]  # old team: the teams it became
/// ```
extension NodeReader {
  static let mappingKinds = ["renamed", "merged", "split"]

  mutating func teamMapping(_ node: Node) -> TeamMapping {
    guard let map = node.mapping else {
      problem(node, "'team_mapping' must be a mapping with 'renamed', 'merged' and/or 'split'", hint: "see docs/store.md for an example")
      return TeamMapping()
    }
    checkKeys(map, allowed: Self.mappingKinds, context: "team_mapping")
    var rules: [TeamMapping.Rule] = []
    for kindName in Self.mappingKinds {
      guard let section = map[kindName], let kind = TeamMapping.Kind(rawValue: kindName) else { continue }
      guard let entries = section.mapping else {
        problem(section, "'team_mapping.\(kindName)' must be a mapping of team names", hint: Self.mappingExample(kind))
        continue
      }
      for (key, value) in entries {
        guard let name = key.string, !name.isEmpty else {
          problem(key, "team names in 'team_mapping.\(kindName)' must be text")
          continue
        }
        if let rule = rule(kind, key: name, value: value) { rules.append(rule) }
      }
    }
    checkConflicts(rules)
    let mapping = TeamMapping(rules: rules)
    if let name = mapping.cycle() {
      let line = rules.first { $0.sources.contains(name) }?.line ?? 0
      problems.append(
        InputError(
          kind: .survey, file: file, line: line, message: "the team mapping goes round in a circle through '\(name)'",
          hint: "each team must end up under one name; remove one of the rules"))
    }
    return mapping
  }

  private mutating func rule(_ kind: TeamMapping.Kind, key: String, value: Node) -> TeamMapping.Rule? {
    let line = value.mark?.line ?? 0
    switch kind {
    case .renamed:
      guard let target = value.scalar != nil ? value.string : nil, !target.isEmpty else {
        problem(value, "a renamed team maps its old name to one new name", hint: Self.mappingExample(kind))
        return nil
      }
      guard target != key else {
        problem(value, "team '\(key)' is renamed to itself")
        return nil
      }
      return .init(kind: kind, sources: [key], target: target, line: line)
    case .merged, .split:
      guard let names = stringList(value, name: "team_mapping.\(kind.rawValue).\(key)"), !names.isEmpty else {
        if value.sequence == nil {
          problem(value, "'\(key)' must list the teams it was \(kind == .merged ? "merged from" : "split into")", hint: Self.mappingExample(kind))
        }
        return nil
      }
      if names.contains(key) {
        problem(value, "team '\(key)' lists itself")
        return nil
      }
      // A merge counts its parts as the new team; a split counts the new teams as the old one.
      return .init(kind: kind, sources: names, target: key, line: line)
    }
  }

  private mutating func checkConflicts(_ rules: [TeamMapping.Rule]) {
    var firstLine: [String: Int] = [:]
    for rule in rules {
      for source in rule.sources {
        if let line = firstLine[source] {
          problems.append(
            InputError(
              kind: .survey, file: file, line: rule.line, message: "team '\(source)' is already mapped on line \(line)",
              hint: "a team can be counted under one name only"))
        } else {
          firstLine[source] = rule.line
        }
      }
    }
  }

  static func mappingExample(_ kind: TeamMapping.Kind) -> String {
    switch kind {
    case .renamed: return "e.g. 'renamed: { Support: Customer Care }' (old name: new name)"
    case .merged: return "e.g. 'merged: { Sales: [Sales EMEA, Sales Americas] }' (new team: the teams merged into it)"
    case .split: return "e.g. 'split: { Engineering: [Platform, Product Engineering] }' (old team: the teams it became)"
    }
  }
}
