import Foundation
import SurveyIO
import SurveyModel
import Yams

/// Reads an organisation file (YAML or CSV) and reports every problem with its line.
///
/// YAML:
/// ```yaml
/// units:
///   - { id: eng, name: Engineering, headcount: 120 }
///   - { id: platform, name: Platform, parent: eng, headcount: { 2026-spring: 40, 2026-autumn: 44 } }
/// ```
/// CSV: a header `id,name,parent` and optionally `headcount` and `headcount:WAVE` columns.
public enum OrgChartLoader {
  static let unitKeys = ["id", "name", "parent", "headcount"]

  /// Loads and checks an organisation file.
  /// - Throws: ``InputError`` or ``InputProblems`` (kind `.survey`: a broken definition).
  public static func load(path: String, displayName: String? = nil) throws -> OrgChart {
    let name = displayName ?? path
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(kind: .file, file: name, message: "cannot read the organisation file", hint: "check the path given to --org")
    }
    let text = try UTF8Check.text(of: data, file: name, kind: .survey)
    let declared = path.lowercased().hasSuffix(".csv") ? try csvUnits(text, file: name) : try yamlUnits(text, file: name)
    return try build(declared, file: name)
  }

  /// A unit as written, before its parent is resolved.
  struct Declared {
    var id: String
    var name: String
    var parent: String?
    var headcount: [String: Int]
    var line: Int
  }

  static func yamlUnits(_ text: String, file: String) throws -> [Declared] {
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw InputError(kind: .survey, file: file, message: "the organisation file is empty", hint: "list the units under 'units:'")
      }
      root = node
    } catch let error as YamlError {
      throw InputError(kind: .survey, file: file, message: "invalid YAML: \(error)")
    }
    var problems: [InputError] = []
    func problem(_ node: Node?, _ message: String, hint: String? = nil) {
      problems.append(InputError(kind: .survey, file: file, line: node?.mark?.line ?? 0, message: message, hint: hint))
    }
    guard let list = root.mapping?["units"]?.sequence else {
      throw InputError(kind: .survey, file: file, line: root.mark?.line ?? 0, message: "an organisation file must be a mapping with a list 'units'")
    }
    var units: [Declared] = []
    for node in list {
      guard let map = node.mapping else {
        problem(node, "a unit must be a mapping with 'id' and 'name'")
        continue
      }
      for (key, _) in map {
        guard let word = key.string, !unitKeys.contains(word) else { continue }
        problem(
          key, "unknown key '\(word)' in a unit",
          hint: Suggestion.closest(to: word, in: unitKeys).map { "did you mean '\($0)'?" } ?? "a unit has: \(unitKeys.joined(separator: ", "))")
      }
      guard let id = map["id"]?.string.flatMap(nonEmpty) else {
        problem(node, "a unit needs an 'id' (text)")
        continue
      }
      var headcount: [String: Int] = [:]
      if let value = map["headcount"] {
        if let scalar = value.scalar {
          if let n = count(scalar.string) {
            headcount[""] = n
          } else {
            problem(value, "headcount of '\(id)' must be a whole number of people from 0 to 10000000, not '\(scalar.string)'")
          }
        } else if let byWave = value.mapping {
          for (wave, n) in byWave {
            guard let wave = wave.string, let number = n.scalar.flatMap({ count($0.string) }) else {
              problem(n, "headcount of '\(id)' per wave must map wave names to whole numbers of people from 0 to 10000000")
              continue
            }
            headcount[wave] = number
          }
        } else {
          problem(value, "headcount of '\(id)' must be a number or a mapping from wave to number")
        }
      }
      let parent = map["parent"].flatMap { $0.scalar.map(\.string) }.flatMap(nonEmpty).flatMap { $0 == "null" || $0 == "~" ? nil : $0 }
      units.append(
        Declared(id: id, name: map["name"]?.string.flatMap(nonEmpty) ?? id, parent: parent, headcount: headcount, line: node.mark?.line ?? 0))
    }
    if !problems.isEmpty { throw InputProblems(problems) }
    return units
  }

  static func csvUnits(_ text: String, file: String) throws -> [Declared] {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    guard let headerLine = lines.first else { throw InputError(kind: .survey, file: file, message: "the organisation file is empty") }
    let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    guard let idColumn = header.firstIndex(of: "id") else {
      throw InputError(
        kind: .survey, file: file, line: 1, message: "the header has no 'id' column", hint: "write a header 'id,name,parent,headcount'")
    }
    let nameColumn = header.firstIndex(of: "name")
    let parentColumn = header.firstIndex(of: "parent")
    var problems: [InputError] = []
    var units: [Declared] = []
    for (offset, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      let number = offset + 1
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      guard fields.count == header.count else {
        problems.append(
          InputError(
            kind: .survey, file: file, line: number, message: "\(fields.count) fields, the header has \(header.count)",
            hint: "unit names with commas are not supported in the CSV form; use the YAML form"))
        continue
      }
      guard let id = nonEmpty(fields[idColumn]) else {
        problems.append(InputError(kind: .survey, file: file, line: number, message: "a unit needs an id"))
        continue
      }
      var headcount: [String: Int] = [:]
      for (c, column) in header.enumerated() where column == "headcount" || column.hasPrefix("headcount:") {
        guard !fields[c].isEmpty else { continue }
        guard let n = count(fields[c]) else {
          problems.append(
            InputError(
              kind: .survey, file: file, line: number,
              message: "column \(c + 1) '\(column)': '\(fields[c])' is not a whole number of people from 0 to 10000000"))
          continue
        }
        headcount[column == "headcount" ? "" : String(column.dropFirst("headcount:".count))] = n
      }
      units.append(
        Declared(
          id: id, name: nameColumn.flatMap { nonEmpty(fields[$0]) } ?? id,
          parent: parentColumn.flatMap { nonEmpty(fields[$0]) }, headcount: headcount, line: number))
    }
    if !problems.isEmpty { throw InputProblems(problems) }
    return units
  }

  /// Resolves parents, checks ids and cycles, and orders units parents first.
  static func build(_ declared: [Declared], file: String) throws -> OrgChart {
    var problems: [InputError] = []
    var first: [String: Int] = [:]
    for (i, unit) in declared.enumerated() {
      if let earlier = first[unit.id] {
        problems.append(
          InputError(
            kind: .survey, file: file, line: unit.line, message: "duplicate unit id '\(unit.id)' (first declared at line \(declared[earlier].line))",
            hint: "give each unit its own id"))
      } else {
        first[unit.id] = i
      }
    }
    let ids = declared.map(\.id)
    for unit in declared {
      if let parent = unit.parent, first[parent] == nil {
        problems.append(
          InputError(
            kind: .survey, file: file, line: unit.line, message: "unit '\(unit.id)' names an unknown parent '\(parent)'",
            hint: Suggestion.closest(to: parent, in: ids).map { "did you mean '\($0)'?" } ?? "parents are given by their id"))
      }
    }
    problems += nameClashes(declared, first: first, file: file)
    if !problems.isEmpty { throw InputProblems(problems) }
    // Cycles: follow each unit's parents; a unit met twice closes a loop.
    var reported = Set<String>()
    for unit in declared {
      var path = [unit.id]
      var current = unit.parent
      while let p = current {
        if p == unit.id {
          if reported.insert(unit.id).inserted {
            for member in path { reported.insert(member) }
            problems.append(
              InputError(
                kind: .survey, file: file, line: unit.line, message: "units form a cycle: \((path + [unit.id]).joined(separator: " → "))",
                hint: "a unit cannot be its own ancestor; give the top unit no parent"))
          }
          break
        }
        if path.contains(p) || path.count > declared.count { break }
        path.append(p)
        current = declared[first[p]!].parent
      }
    }
    if !problems.isEmpty { throw InputProblems(problems) }
    var placed = [Int?](repeating: nil, count: declared.count)
    var units: [OrgChart.Unit] = []
    func place(_ i: Int) -> Int {
      if let done = placed[i] { return done }
      let parent = declared[i].parent.map { place(first[$0]!) }
      let level = parent.map { units[$0].level + 1 } ?? 1
      units.append(
        OrgChart.Unit(
          id: declared[i].id, name: declared[i].name, parent: parent, level: level, headcount: declared[i].headcount, line: declared[i].line))
      placed[i] = units.count - 1
      return units.count - 1
    }
    for i in declared.indices where first[declared[i].id] == i { _ = place(i) }
    return OrgChart(units: units, file: file)
  }

  /// Names that could not be told apart. Reports and team cells name units by their names, so
  /// two units may not share one, a unit may not be named like another unit's id (a team cell
  /// naming it would mean either), and a name may not hold the separator of crossed cells
  /// (``CrossedCell/separator``), or a unit could be named like another unit's cell.
  static func nameClashes(_ declared: [Declared], first: [String: Int], file: String) -> [InputError] {
    var problems: [InputError] = []
    var named: [String: Int] = [:]
    for (i, unit) in declared.enumerated() where first[unit.id] == i {
      if unit.name.contains(CrossedCell.separator) {
        problems.append(
          InputError(
            kind: .survey, file: file, line: unit.line,
            message: "the name of unit '\(unit.id)' holds '\(CrossedCell.separator)', which joins a unit and an attribute value in crossed cuts",
            hint: "write the name without '\(CrossedCell.separator)' (e.g. with 'x' or '&')"))
      } else if let other = first[unit.name], other != i {
        problems.append(
          InputError(
            kind: .survey, file: file, line: unit.line,
            message: "unit '\(unit.id)' is named '\(unit.name)', the id of the unit at line \(declared[other].line)",
            hint: "a team cell '\(unit.name)' would name either unit; give the unit another name"))
      } else if let earlier = named[unit.name] {
        let parentName = unit.parent.flatMap { first[$0] }.map { declared[$0].name }
        problems.append(
          InputError(
            kind: .survey, file: file, line: unit.line,
            message: "units '\(declared[earlier].id)' (line \(declared[earlier].line)) and '\(unit.id)' are both named '\(unit.name)'",
            hint: "reports show units by name; give each its own, e.g. '\(unit.name) (\(parentName ?? unit.id))'"))
      } else {
        named[unit.name] = i
      }
    }
    return problems
  }

  private static func nonEmpty(_ text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty ? nil : trimmed
  }

  /// A headcount: a whole number from 0 to 10,000,000, written as digits only.
  private static func count(_ text: String) -> Int? {
    guard !text.isEmpty, text.count <= 8, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), let n = Int(text), n <= 10_000_000 else {
      return nil
    }
    return n
  }
}
