import Foundation
import SurveyIO

/// The shared-strings part of a workbook: the text of every string cell, by index.
enum SharedStrings {
  /// Each `<si>`'s text: its `<t>` runs joined, phonetic guides (`<rPh>`, as in Japanese
  /// exports) left out.
  static func parse(_ data: Data, file: String) throws -> [String] {
    var strings: [String] = []
    var current = "", inText = false, phonetic = 0
    let ok = XMLScan.run(data, start: { name, _ in
      switch name {
      case "si": current = ""
      case "t": inText = true
      case "rPh": phonetic += 1
      default: break
      }
    }, end: { name in
      switch name {
      case "si": strings.append(current)
      case "t": inText = false
      case "rPh": phonetic -= 1
      default: break
      }
    }, text: { text in
      if inText, phonetic == 0 { current += text }
    })
    guard ok else { throw InputError(kind: .responses, file: file, message: "the workbook's shared strings are not valid XML", hint: "open the file in Excel or LibreOffice and save it again as .xlsx") }
    return strings
  }
}

/// The rows of a worksheet part, each cell placed at the column its reference names (`C7` →
/// column 3), so empty cells Excel leaves out do not shift the others.
enum SheetRows {
  static func parse(_ data: Data, sharedStrings: [String], file: String) throws -> [TableRow] {
    var rows: [TableRow] = []
    var cells: [String] = []
    var rowNumber = 0, column = 0
    var type = "", value = "", capturing = false
    var badIndex: String?
    let ok = XMLScan.run(data, start: { name, attributes in
      switch name {
      case "row":
        rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
        cells = []
        column = 0
      case "c":
        column = attributes["r"].flatMap(columnIndex) ?? column + 1
        type = attributes["t"] ?? "n"
        value = ""
      case "v", "t": capturing = true
      default: break
      }
    }, end: { name in
      switch name {
      case "v", "t": capturing = false
      case "c":
        var text = value
        if type == "s" {
          if let index = Int(value), sharedStrings.indices.contains(index) { text = sharedStrings[index] } else { badIndex = value }
        } else if type == "b" {
          text = value == "1" ? "TRUE" : "FALSE"
        }
        while cells.count < column - 1 { cells.append("") }
        if column >= 1 { cells.append(text) }
      case "row":
        if cells.contains(where: { !$0.isEmpty }) { rows.append(TableRow(line: rowNumber, cells: cells)) }
      default: break
      }
    }, text: { text in
      if capturing { value += text }
    })
    guard ok, badIndex == nil else {
      throw InputError(kind: .responses, file: file, message: "the worksheet is damaged" + (badIndex.map { " (string index \($0) does not exist)" } ?? ""), hint: "open the file in Excel or LibreOffice and save it again as .xlsx")
    }
    return rows
  }

  /// The 1-based column of a cell reference such as `AB12` (28).
  static func columnIndex(_ reference: String) -> Int? {
    var index = 0
    for scalar in reference.unicodeScalars {
      guard scalar.value >= 65, scalar.value <= 90 else { break }
      index = index * 26 + Int(scalar.value - 64)
    }
    return index > 0 ? index : nil
  }
}
