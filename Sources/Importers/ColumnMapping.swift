import SurveyIO
import SurveyModel

/// What each column of an export holds: an item, the team, a respondent attribute, the tool's
/// response id, or something to leave out. Columns match items by item id or by item text
/// (compared as ``TextKey``s), including matrix headers that end with the item text; they
/// match attributes by the attribute's name or its question.
struct ColumnMapping {
  enum Role: Equatable {
    case item(Int)
    /// One option's column of a multi-select item: (item, option).
    case option(Int, Int)
    case team
    /// A declared respondent attribute (its position in the survey's attributes).
    case attribute(Int)
    case responseID
    /// The language the response was given in (``SurveyDefinition/responseLanguageColumns``).
    case language
    /// Metadata or a column listed under `columns: ignore:`.
    case skipped
  }

  /// The role of each column; nil for a column that matches nothing (left out with a warning).
  let roles: [Role?]
  /// Labels of the columns that matched nothing.
  let unmatched: [String]
  let teamColumn: Int?
  let responseIDColumn: Int?

  /// - Parameters:
  ///   - teamName: the header of the team column.
  ///   - fixedTeam: every row's team is given (`--team`), so no team column is needed.
  /// - Throws: ``InputProblems`` with every header problem.
  ///   - attributes: the survey's respondent attributes.
  ///   - languageColumns: the headers a column holding each response's language may have.
  init(
    header: [[String]], layout: ExportLayout, items: [ResponseFileReader.ItemColumn], teamName: String, fixedTeam: Bool, ignored: [String],
    attributes: [Attribute] = [], languageColumns: [String] = [], file: String, line: Int
  ) throws {
    let languageKeys = Set(languageColumns.map(TextKey.of)).subtracting(items.map { TextKey.of($0.id) })
    var language: Int?
    let attributeKeys = attributes.map { [TextKey.of($0.name)] + ($0.question.map { [TextKey.of($0)] } ?? []) }
    var columnOfAttribute: [Int: Int] = [:]
    let width = header.map(\.count).max() ?? 0
    let teamKey = TextKey.of(teamName)
    let ignoredKeys = FormatDetector.keys(ignored)
    let idKeys = items.map { TextKey.of($0.id) }
    // The question in the survey's default language and in each of its others.
    let textKeys = items.map { item in Set([TextKey.of(item.item.text)] + item.labels.filter { !$0.text.isEmpty }.map { TextKey.of($0.text) }) }
    var roles: [Role?] = Array(repeating: nil, count: width)
    var problems: [InputError] = []
    var columnOfItem: [Int: Int] = [:]
    var columnOfOption: [Int: [Int: Int]] = [:]
    let multis = items.indices.filter { items[$0].item.kind == .multi }
    var team: Int?
    var responseID: Int?
    for column in 0..<width {
      let keys = layout.names(of: column, in: header).map(TextKey.of)
      let label = layout.label(of: column, in: header)
      if keys.contains(teamKey) {
        roles[column] = fixedTeam || team != nil ? .skipped : .team
        if !fixedTeam, team == nil { team = column }
        continue
      }
      if let a = attributeKeys.firstIndex(where: { names in keys.contains(where: names.contains) }) {
        if let other = columnOfAttribute[a] {
          problems.append(
            InputError(
              kind: .responses, file: file, line: line,
              message: "columns \(other + 1) and \(column + 1) both hold attribute '\(attributes[a].name)'",
              hint: "remove one of the columns, or rename it"))
        }
        columnOfAttribute[a] = column
        roles[column] = .attribute(a)
        continue
      }
      if keys.contains(where: languageKeys.contains) {
        if let other = language {
          problems.append(
            InputError(
              kind: .responses, file: file, line: line, message: "columns \(other + 1) and \(column + 1) both hold the response's language",
              hint: "remove one of the columns"))
        }
        roles[column] = .language
        language = column
        continue
      }
      if responseID == nil, keys.contains(where: layout.responseID.contains) {
        roles[column] = .responseID
        responseID = column
        continue
      }
      if let (item, option) = Self.option(keys: keys, layout: layout, multis: multis, items: items) {
        if let other = columnOfOption[item]?[option] {
          problems.append(
            InputError(
              kind: .responses, file: file, line: line,
              message: "columns \(other + 1) and \(column + 1) both hold option '\(items[item].options[option].id)' of item '\(items[item].id)'",
              hint: "remove one of the columns"))
        }
        columnOfOption[item, default: [:]][option] = column
        roles[column] = .option(item, option)
        continue
      }
      let matches = Set(
        items.indices.filter { i in
          keys.contains { key in
            key == idKeys[i] || textKeys[i].contains { key == $0 || ($0.count >= 12 && key.hasSuffix(" " + $0)) }
          }
        })
      if matches.count > 1 {
        let ids = matches.sorted().map { "'\(items[$0].id)'" }.joined(separator: ", ")
        problems.append(
          InputError(
            kind: .responses, file: file, line: line, message: "column \(column + 1) '\(label)' matches several items: \(ids)",
            hint: "rename the column to one item id"))
      } else if let item = matches.first {
        if let other = columnOfItem[item] {
          problems.append(
            InputError(
              kind: .responses, file: file, line: line, message: "columns \(other + 1) and \(column + 1) both hold item '\(items[item].id)'",
              hint: "remove one of the columns, or rename it if it holds another item"))
        }
        columnOfItem[item] = column
        roles[column] = .item(item)
      } else if keys.contains(where: { layout.metadata.contains($0) || ignoredKeys.contains($0) }) || keys.isEmpty {
        roles[column] = .skipped
      }
    }
    if team == nil, !fixedTeam {
      let labels = (0..<width).map { layout.label(of: $0, in: header) }
      problems.append(
        InputError(
          kind: .responses, file: file, line: line, message: "there is no team column '\(teamName)'\(Suggestion.hint(for: teamName, in: labels))",
          hint: "name the column that holds the team with --team-column, or give every row's team with --team"))
    }
    for i in multis where columnOfItem[i] != nil && columnOfOption[i] != nil {
      problems.append(
        InputError(
          kind: .responses, file: file, line: line,
          message: "item '\(items[i].id)' has both a column of its own (column \(columnOfItem[i]! + 1)) and a column per option",
          hint: "keep one layout: one cell naming the options chosen, or one column per option"))
    }
    for i in multis where columnOfItem[i] == nil && (columnOfOption[i]?.count ?? 0) > 0 && columnOfOption[i]!.count < items[i].options.count {
      let found = columnOfOption[i]!
      let absent = items[i].options.indices.filter { found[$0] == nil }.map { "'\(items[i].options[$0].label)'" }.joined(separator: ", ")
      problems.append(
        InputError(
          kind: .responses, file: file, line: line, message: "multi-select item '\(items[i].id)' has a column per option but none for \(absent)",
          hint: "export every option of the question (a column per option, headed with the question and the option's label)"))
    }
    let missing = items.indices.filter { columnOfItem[$0] == nil && columnOfOption[$0] == nil }
    if !missing.isEmpty {
      let list =
        missing.prefix(8).map { "'\(items[$0].id)' (\(items[$0].item.text))" }.joined(separator: ", ")
        + (missing.count > 8 ? " and \(missing.count - 8) more" : "")
      problems.append(
        InputError(
          kind: .responses, file: file, line: line, message: "no column for item\(missing.count == 1 ? "" : "s") \(list)",
          hint:
            "a column matches an item when its header is the item id or the item's text (case, spacing and punctuation do not matter); rename the columns or export every question"
        ))
    }
    if !problems.isEmpty { throw InputProblems(problems) }
    self.roles = roles
    unmatched = (0..<width).filter { roles[$0] == nil }.map { layout.label(of: $0, in: header) }
    teamColumn = team
    responseIDColumn = responseID
  }

  /// The multi-select option a column holds, if any: a header that is the item's id or text
  /// followed by the option's id or label (Qualtrics `Question - Option`, `item_option`), or,
  /// in SurveyMonkey, the option as the sub-label under the question.
  private static func option(keys: [String], layout: ExportLayout, multis: [Int], items: [ResponseFileReader.ItemColumn]) -> (Int, Int)? {
    for i in multis {
      let itemKeys =
        [TextKey.of(items[i].id), TextKey.of(items[i].item.text)] + items[i].labels.filter { !$0.text.isEmpty }.map { TextKey.of($0.text) }
      for (j, option) in items[i].options.enumerated() {
        let optionKeys =
          [TextKey.of(option.id), TextKey.of(option.label)] + items[i].labels.compactMap { j < $0.options.count ? TextKey.of($0.options[j]) : nil }
        let joined = itemKeys.flatMap { item in optionKeys.map { item + " " + $0 } }
        if keys.contains(where: joined.contains) { return (i, j) }
        if layout.format == .surveyMonkey, keys.count == 2, itemKeys.contains(keys[1]), optionKeys.contains(keys[0]) { return (i, j) }
      }
    }
    return nil
  }
}
