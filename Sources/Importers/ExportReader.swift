import Foundation
import SurveyIO
import SurveyModel

/// Reads a survey tool's export as a ``ResponseSource``: detects the layout, maps its columns
/// to items, the team and the response id, and turns each row into answers or the list of
/// its problems.
///
/// Each row's ``ResponseRow/respondent`` is its *source key*: the tool's response id
/// (`qualtrics:R_1abc`) or, when the export has none, the row's whole content, so importing
/// the same file twice can be recognised.
public final class ExportReader: ResponseSource {
  public let file: String
  /// The layout read (detected when `.auto` was asked for).
  public let format: ExportFormat
  /// One name per column (the most telling header), for the rejects file.
  public let header: [String]
  /// Columns that matched no item and no known metadata, left out.
  public let unmatchedColumns: [String]
  public private(set) var rowsRead = 0
  private let table: TableReader
  private var pending: [TableRow]
  private let mapping: ColumnMapping
  private let decoders: [CellDecoder]
  private let multiDecoders: [MultiDecoder?]
  private let items: [ResponseFileReader.ItemColumn]
  /// How unticked boxes of one-column-per-option multi-selects are written.
  public let unticked: MultiDecoder.Unticked
  private let fixedTeam: String?
  private let attributes: [Attribute]
  /// The survey's languages, which a language cell must name.
  private let languages: [String]

  /// Opens an export and checks its header.
  /// - Parameters:
  ///   - items: the survey's items, in value-slot order.
  ///   - teamColumn: the header of the team column (default: the survey's team column).
  ///   - team: the team of every row, when the export has no team column.
  /// - Throws: ``InputError`` or ``InputProblems`` naming the file and header line.
  public init(
    path: String, displayName: String? = nil, format requested: ExportFormat = .auto, items: [ResponseFileReader.ItemColumn],
    survey: SurveyDefinition, teamColumn: String? = nil, team: String? = nil, unticked: MultiDecoder.Unticked? = nil
  ) throws {
    file = displayName ?? path
    table = try Self.openTable(path: path, file: file)
    var first: [TableRow] = []
    while first.count < 3, let row = try table.nextRow() { first.append(row) }
    guard !first.isEmpty else {
      throw InputError(
        kind: .responses, file: file, line: 1, message: "the file is empty: expected a header row",
        hint: "export the responses again from the survey tool")
    }
    format = requested == .auto ? FormatDetector.detect(first.map(\.cells)) : requested
    let layout = ExportLayout.of(format, firstRows: first.map(\.cells), respondentColumn: survey.respondentColumn)
    let headerRows = Array(first.prefix(layout.headerRows).map(\.cells))
    pending = Array(first.dropFirst(layout.headerRows))
    fixedTeam = team
    mapping = try ColumnMapping(
      header: headerRows, layout: layout, items: items, teamName: teamColumn ?? survey.teamColumn, fixedTeam: team != nil,
      ignored: survey.ignoredColumns, attributes: survey.attributes,
      languageColumns: format == .csv ? survey.responseLanguageColumns : survey.languageColumn.map { [$0] } ?? [],
      file: file,
      line: first[0].line)
    attributes = survey.attributes
    languages = survey.languages
    decoders = items.map(CellDecoder.init(item:))
    multiDecoders = items.map { column in column.multi.map { MultiDecoder(item: $0, labels: column.labels) } }
    self.items = items
    // SurveyMonkey leaves unticked boxes blank; the others write 0 unless told otherwise.
    self.unticked = unticked ?? (format == .surveyMonkey ? .blank : .zero)
    header = (0..<mapping.roles.count).map { layout.label(of: $0, in: headerRows) }
    unmatchedColumns = mapping.unmatched
  }

  private static func openTable(path: String, file: String) throws -> TableReader {
    let lower = path.lowercased()
    if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xls") { return try WorkbookTable(path: path, file: file) }
    if let head = InputFile.head(of: path, count: 4), head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      return try WorkbookTable(path: path, file: file)
    }
    let tab = lower.hasSuffix(".tsv") || lower.hasSuffix(".tab")
    return try DelimitedTable(path: path, file: file, delimiter: UInt8(ascii: tab ? "\t" : ","))
  }

  /// How far through the file reading is, from 0 to 1.
  public var progress: Double { table.progress }

  public func next() throws -> ResponseOutcome? {
    let row: TableRow
    if !pending.isEmpty {
      row = pending.removeFirst()
    } else {
      guard let next = try table.nextRow() else { return nil }
      row = next
    }
    rowsRead += 1
    return decode(row)
  }

  /// What a rejects file holds instead of a comment.
  public static let withheldComment = "(comment withheld)"

  private func decode(_ row: TableRow) -> ResponseOutcome {
    var problems: [RowProblem] = []
    var values = [Double](repeating: .nan, count: decoders.count)
    var team = fixedTeam ?? ""
    var responseID = ""
    var comments: [(item: String, text: String)] = []
    var given: [(name: String, value: String)] = []
    var language: String?
    var ticks: [Int: (answered: Bool, bits: UInt32, blanks: [Int])] = [:]
    for (column, role) in mapping.roles.enumerated() {
      let cell = column < row.cells.count ? row.cells[column] : ""
      switch role {
      case .item(let slot)?:
        do throws(CellDecoder.Problem) {
          switch items[slot].item.kind {
          case .scored: values[slot] = try decoders[slot].decode(cell) ?? .nan
          case .multi: values[slot] = try multiDecoders[slot]!.decode(cell).map(Double.init) ?? .nan
          case .text: if !cell.allSatisfy(\.isWhitespace) { comments.append((items[slot].id, cell)) }
          }
        } catch {
          problems.append(
            RowProblem(
              line: row.line, column: column + 1, columnName: header[column], value: items[slot].item.kind == .text ? "" : cell, reason: error.text))
        }
      case .option(let slot, let option)?:
        var tick = ticks[slot] ?? (false, 0, [])
        do throws(CellDecoder.Problem) {
          switch try multiDecoders[slot]!.ticked(cell, option: option, unticked: unticked) {
          case true?:
            tick.answered = true
            tick.bits |= 1 << UInt32(option)
          case false?: if unticked == .zero { tick.answered = true }
          case nil: tick.blanks.append(column)
          }
        } catch {
          problems.append(RowProblem(line: row.line, column: column + 1, columnName: header[column], value: cell, reason: error.text))
        }
        ticks[slot] = tick
      case .attribute(let a)?:
        let text = SafeText.spreadsheetValue(cell.trimmed)
        guard !text.isEmpty else { break }
        if let value = attributes[a].label(of: text, number: NumberParser.parse(text)) {
          given.append((attributes[a].name, value))
        } else {
          problems.append(
            RowProblem(line: row.line, column: column + 1, columnName: header[column], value: text, reason: attributes[a].refusal(text)))
        }
      case .team?: team = SafeText.spreadsheetValue(cell.trimmed)
      case .language?:
        let text = SafeText.spreadsheetValue(cell.trimmed)
        guard !text.isEmpty else { break }
        if languages.contains(text) {
          language = text
        } else {
          problems.append(
            RowProblem(
              line: row.line, column: column + 1, columnName: header[column], value: text,
              reason: languages.isEmpty
                ? "the survey names no languages, so no response language can be stored; leave the cell empty, or list the survey's languages under 'languages:'"
                : "'\(text)' is not a language of the survey; give one of: \(languages.joined(separator: ", ")), or leave the cell empty"))
        }
      case .responseID?: responseID = cell.trimmed
      default: break
      }
    }
    for (slot, tick) in ticks.sorted(by: { $0.key < $1.key }) where tick.answered {
      values[slot] = Double(tick.bits)
      // Unticked boxes are written as 0 here, so a blank beside answered boxes is unexplained.
      if let column = tick.blanks.first {
        problems.append(
          RowProblem(
            line: row.line, column: column + 1, columnName: header[column], value: "",
            reason:
              "the cell is empty while other options of multi-select item '\(items[slot].id)' are answered (1 or 0); if the export leaves unticked boxes blank, import with --unticked blank"
          ))
      }
    }
    if let column = mapping.teamColumn, let reason = team.isEmpty ? "the team is missing" : TeamName.problem(team) {
      problems.append(RowProblem(line: row.line, column: column + 1, columnName: header[column], reason: reason))
    }
    if row.cells.count > header.count, row.cells[header.count...].contains(where: { !$0.trimmed.isEmpty }) {
      problems.append(RowProblem(line: row.line, reason: "the row has \(row.cells.count) cells but the header has \(header.count) columns"))
    }
    if !problems.isEmpty {
      // The rejects file never holds a comment.
      var fields = row.cells
      for (column, role) in mapping.roles.enumerated() {
        if case .item(let slot)? = role, items[slot].item.kind == .text, column < fields.count, !fields[column].allSatisfy(\.isWhitespace) {
          fields[column] = Self.withheldComment
        }
      }
      return .rejected(line: row.line, problems: problems, fields: fields)
    }
    let key = responseID.isEmpty ? "row:" + row.cells.joined(separator: "\u{1F}") : "\(format.rawValue):\(responseID)"
    var response = ResponseRow(line: row.line, respondent: key, team: team, values: values)
    response.comments = comments
    response.attributes = given
    response.language = language
    return .row(response)
  }
}
