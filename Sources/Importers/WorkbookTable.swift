/// An Excel workbook's first sheet as a table.
final class WorkbookTable: TableReader {
  private let rows: [TableRow]
  private var index = 0

  init(path: String, file: String) throws {
    rows = try Workbook.firstSheetRows(path: path, file: file)
  }

  func nextRow() throws -> TableRow? {
    guard index < rows.count else { return nil }
    defer { index += 1 }
    return rows[index]
  }

  var progress: Double { rows.isEmpty ? 1 : Double(index) / Double(rows.count) }
}
