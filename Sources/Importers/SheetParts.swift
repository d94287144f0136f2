import Foundation
import SurveyIO
import SurveyModel

/// The shared-strings part of a workbook: the text of every string cell, by index. Each
/// `<si>`'s text is its `<t>` runs joined, phonetic guides (`<rPh>`, as in Japanese exports)
/// left out.
struct SharedStrings {
  private(set) var strings: [String] = []
  private var current = "", inText = false, phonetic = 0

  /// Takes the next event of the part.
  mutating func take(_ event: XMLStream.Event) throws {
    switch event {
    case .start(let name, _):
      switch name {
      case "si": current = ""
      case "t": inText = true
      case "rPh": phonetic += 1
      default: break
      }
    case .end(let name):
      switch name {
      case "si": strings.append(current)
      case "t": inText = false
      case "rPh": phonetic -= 1
      default: break
      }
    case .text(let text):
      if inText, phonetic == 0 { current += text }
    }
  }
}

extension SharedStrings {
  /// The strings of a whole shared-strings part in memory (tests, fuzzing).
  static func parse(_ data: Data, file: String) throws -> [String] {
    var strings = SharedStrings()
    try XMLStream.scanWhole(data, file: file, part: "shared strings part") { try strings.take($0) }
    return strings.strings
  }
}

extension XMLStream {
  /// Scans a whole part held in memory.
  /// - Throws: ``InputError`` for malformed XML, or what `handle` throws.
  static func scanWhole(_ data: Data, file: String, part: String, _ handle: (Event) throws -> Void) throws {
    var stream = XMLStream()
    do {
      try data.withUnsafeBytes { try stream.feed($0, final: true, handle) }
    } catch let malformed as Malformed {
      throw InputError(
        kind: .responses, file: file, message: "the workbook's \(part) is not valid XML: \(malformed.reason)",
        hint: "open the file in Excel or LibreOffice and save it again as .xlsx")
    }
  }
}

/// The rows of a worksheet part, each cell placed at the column its reference names (`C7` →
/// column 3), so empty cells Excel leaves out do not shift the others.
struct SheetRows {
  private let sharedStrings: [String]
  private let file: String
  private var rows: [TableRow] = []
  private var cells: [String] = []
  private var rowNumber = 0, column = 0
  private var type = "", value = "", capturing = false
  /// Cells placed so far, the empty ones before each cell included (bounded).
  private var placed = 0

  init(sharedStrings: [String], file: String) {
    self.sharedStrings = sharedStrings
    self.file = file
  }

  /// Takes the next event of the part.
  /// - Throws: ``InputError`` for a cell beyond Excel's last column, a missing shared
  ///   string, or a sheet spread over too many cells.
  mutating func take(_ event: XMLStream.Event) throws {
    switch event {
    case .start(let name, let attributes):
      switch name {
      case "row":
        rowNumber = attributes["r"].flatMap { Int($0) }.map { min(max($0, 1), 1 << 40) } ?? rowNumber + 1
        cells = []
        column = 0
      case "c":
        column = attributes["r"].flatMap(Self.columnIndex) ?? column + 1
        guard column <= WorkbookLimits.maxColumn else {
          throw damaged(
            "the cell reference '\(Shortening.shortened(attributes["r"] ?? "", to: 20))' in row \(rowNumber) is beyond Excel's last column XFD")
        }
        type = attributes["t"] ?? "n"
        value = ""
      case "v", "t": capturing = true
      default: break
      }
    case .end(let name):
      switch name {
      case "v", "t": capturing = false
      case "c": try endCell()
      case "row":
        if cells.contains(where: { !$0.isEmpty }) { rows.append(TableRow(line: rowNumber, cells: cells)) }
      default: break
      }
    case .text(let text):
      if capturing { value += text }
    }
  }

  private mutating func endCell() throws {
    var text = value
    if type == "s" {
      guard let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) else {
        throw damaged("the worksheet is damaged (string index \(Shortening.shortened(value, to: 20)) does not exist)")
      }
      text = sharedStrings[index]
    } else if type == "b" {
      text = value == "1" ? "TRUE" : "FALSE"
    }
    guard column >= 1 else { return }
    if cells.count >= column {
      cells[column - 1] = text  // a repeated reference: the later cell wins
      return
    }
    placed += column - cells.count
    guard placed <= WorkbookLimits.maxCells else {
      throw damaged("the worksheet spreads over more than \(WorkbookLimits.maxCells) cells")
    }
    while cells.count < column - 1 { cells.append("") }
    cells.append(text)
  }

  /// The rows read, blank rows left out.
  func finish() throws -> [TableRow] { rows }

  private func damaged(_ message: String) -> InputError {
    InputError(kind: .responses, file: file, message: message, hint: "open the file in Excel or LibreOffice and save it again as .xlsx")
  }

  /// The 1-based column of a cell reference such as `AB12` (28), nil without letters, and
  /// `maxColumn + 1` for any column past Excel's last (`XFD`, 16,384) — checked as it goes,
  /// so `ZZZZZZZZZZZZZZZZ2` cannot overflow.
  static func columnIndex(_ reference: String) -> Int? {
    var index = 0
    for scalar in reference.unicodeScalars {
      guard scalar.value >= 65, scalar.value <= 90 else { break }
      index = index * 26 + Int(scalar.value - 64)
      if index > WorkbookLimits.maxColumn { return WorkbookLimits.maxColumn + 1 }
    }
    return index > 0 ? index : nil
  }

  /// The rows of a whole worksheet part in memory (tests, fuzzing).
  static func parse(_ data: Data, sharedStrings: [String], file: String) throws -> [TableRow] {
    var sheet = SheetRows(sharedStrings: sharedStrings, file: file)
    try XMLStream.scanWhole(data, file: file, part: "worksheet") { try sheet.take($0) }
    return try sheet.finish()
  }
}
