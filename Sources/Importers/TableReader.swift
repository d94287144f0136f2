import Foundation
import SurveyIO

/// One row of an export: its line (CSV) or row number (workbook) and its cells as text.
public struct TableRow: Sendable, Equatable {
  public var line: Int
  public var cells: [String]
}

/// Rows of an export file, whatever holds them (CSV, TSV or an Excel workbook).
protocol TableReader: AnyObject {
  /// The next non-blank row, or nil at the end.
  /// - Throws: ``InputError`` naming the file and line.
  func nextRow() throws -> TableRow?
  /// How far through the file reading is, from 0 to 1.
  var progress: Double { get }
}

/// A CSV or TSV file, read by ``CSVReader`` (the one CSV grammar, ``CSVTokenizer``).
final class DelimitedTable: TableReader {
  private let reader: CSVReader
  private let file: String
  private let size: Double

  init(path: String, file: String, delimiter: UInt8) throws {
    self.file = file
    if let head = InputFile.head(of: path, count: 2), head.count == 2,
      (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)
    {
      throw InputError(
        kind: .responses, file: file, message: "the file is UTF-16 text",
        hint: "export it again as CSV in UTF-8 (Qualtrics: 'Download data' > CSV), or save it as 'CSV UTF-8' in a spreadsheet program")
    }
    do {
      reader = try CSVReader(path: path, delimiter: delimiter)
    } catch {
      throw InputError.unreadable(file, "export file", hint: "check the path given to 'cultivar import'", cause: error)
    }
    size = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
  }

  func nextRow() throws -> TableRow? {
    do {
      guard try reader.next() else { return nil }
    } catch let error as CSVReader.SyntaxError {
      throw InputError(kind: .responses, file: file, line: error.line, message: error.message, hint: error.hint)
    }
    return TableRow(line: reader.line, cells: reader.strings)
  }

  var progress: Double { size > 0 ? min(1, Double(reader.bytesConsumed) / size) : 0 }
}
