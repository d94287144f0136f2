import SurveyModel

/// Which CSV column holds the respondent id, the team and each item.
struct HeaderMapping {
  /// The most header problems listed; the rest are counted.
  static let shownProblems = 20

  var respondent: Int
  var team: Int
  var slots: [Int?]
  /// Per declared attribute, its column (nil when the file has none: every answer "not given").
  var attributes: [Int?]

  /// - Throws: ``InputProblems`` with the header's problems (the first few of many listed).
  init(header: [String], survey: SurveyDefinition, itemIDs: [String], file: String) throws {
    let slotOfItem = Dictionary(itemIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let ignored = Set(survey.ignoredColumns)
    var problems: [InputError] = []
    // Per-column problems (unknown or repeated columns): the first few, and a count.
    var columnProblems: [InputError] = []
    var unknown = 0
    var seen: [String: Int] = [:]
    var respondent = -1
    var team = -1
    var slots: [Int?] = Array(repeating: nil, count: header.count)
    let attributeOf = Dictionary(survey.attributes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    var attributes = [Int?](repeating: nil, count: survey.attributes.count)
    let known = itemIDs + [survey.respondentColumn, survey.teamColumn] + survey.ignoredColumns + survey.attributes.map(\.name)
    for a in survey.attributes where slotOfItem[a.name] != nil {
      problems.append(
        InputError(
          kind: .survey, file: survey.file, line: a.line, message: "attribute '\(a.name)' has the id of an item",
          hint: "rename the attribute's column"))
    }
    for (column, name) in header.enumerated() {
      let shown = name.count > 60 ? Shortening.shortened(name, to: 60) : name
      if let first = seen[name] {
        unknown += 1
        guard columnProblems.count < Self.shownProblems else { continue }
        columnProblems.append(
          InputError(
            kind: .responses, file: file, line: 1, message: "column \(column + 1) '\(shown)' repeats column \(first + 1)",
            hint: "each column may appear once; rename or remove the duplicate"))
        continue
      }
      seen[name] = column
      if name == survey.respondentColumn {
        respondent = column
      } else if name == survey.teamColumn {
        team = column
      } else if let slot = slotOfItem[name] {
        slots[column] = slot
      } else if let a = attributeOf[name] {
        attributes[a] = column
      } else if !ignored.contains(name), !survey.responseLanguageColumns.contains(name) {
        // (The language column of an export is left to imports and `--by language`.)
        unknown += 1
        guard columnProblems.count < Self.shownProblems else { continue }
        let label =
          name.isEmpty
          ? "column \(column + 1) has no name"
          : "column \(column + 1) '\(shown)' is not an item of this survey\(Suggestion.hint(for: name, in: known))"
        columnProblems.append(
          InputError(
            kind: .responses, file: file, line: 1, message: label,
            hint: "list metadata columns under 'columns: ignore:' in \(survey.file.isEmpty ? "the survey file" : survey.file)"))
      }
    }
    if team < 0 {
      problems.append(
        InputError(
          kind: .responses, file: file, line: 1,
          message: "there is no team column '\(survey.teamColumn)'\(Suggestion.hint(for: survey.teamColumn, in: header))",
          hint: "add the column, or set 'columns: team:' in the survey file to the column that holds the team"))
    }
    if respondent < 0 {
      problems.append(
        InputError(
          kind: .responses, file: file, line: 1,
          message: "there is no respondent column '\(survey.respondentColumn)'\(Suggestion.hint(for: survey.respondentColumn, in: header))",
          hint: "add the column, or set 'columns: respondent:' in the survey file"))
    }
    let missing = itemIDs.filter { seen[$0] == nil }
    if !missing.isEmpty {
      problems.append(
        InputError(
          kind: .responses, file: file, line: 1,
          message: "no column for item\(missing.count == 1 ? "" : "s") \(missing.map { "'\($0)'" }.joined(separator: ", "))",
          hint: "add the columns (empty cells mean no answer), or list the items used under the framework's 'items:' in the survey file"))
    }
    // A header of 100,000 unknown columns must not print 100,000 errors.
    if !problems.isEmpty || unknown > 0 {
      throw InputProblems(columnProblems.prefix(max(0, Self.shownProblems - problems.count)) + problems, total: problems.count + unknown)
    }
    self.respondent = respondent
    self.team = team
    self.slots = slots
    self.attributes = attributes
  }
}
