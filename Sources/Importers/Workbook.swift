import Foundation
import SurveyIO
import ZIPFoundation

/// The first worksheet of an Excel workbook (`.xlsx`), read with ZIPFoundation and parsed
/// here: the workbook and its relationships say which part holds the first sheet, the shared
/// strings give the text of string cells.
enum Workbook {
  /// The rows of the first worksheet, blank rows left out.
  /// - Throws: ``InputError`` when the file is not a readable workbook.
  static func firstSheetRows(path: String, file: String) throws -> [TableRow] {
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw notAWorkbook(path: path, file: file)
    }
    let sheetPath = try firstSheetPath(archive, file: file)
    let strings = try part("xl/sharedStrings.xml", of: archive, file: file, required: false).map { try SharedStrings.parse($0, file: file) } ?? []
    guard let sheet = try part(sheetPath, of: archive, file: file, required: true) else { return [] }
    return try SheetRows.parse(sheet, sharedStrings: strings, file: file)
  }

  /// The path inside the archive of the workbook's first sheet.
  private static func firstSheetPath(_ archive: Archive, file: String) throws -> String {
    var firstID: String?
    if let workbook = try part("xl/workbook.xml", of: archive, file: file, required: true) {
      _ = XMLScan.run(workbook, start: { name, attributes in
        if name == "sheet", firstID == nil { firstID = attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value }
      })
    }
    var target: String?
    if let firstID, let rels = try part("xl/_rels/workbook.xml.rels", of: archive, file: file, required: false) {
      _ = XMLScan.run(rels, start: { name, attributes in
        if name == "Relationship", attributes["Id"] == firstID { target = attributes["Target"] }
      })
    }
    guard let target else { return "xl/worksheets/sheet1.xml" }
    return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
  }

  /// The bytes of one part of the archive.
  private static func part(_ path: String, of archive: Archive, file: String, required: Bool) throws -> Data? {
    guard let entry = archive[path] else {
      if required { throw InputError(kind: .responses, file: file, message: "the workbook has no part '\(path)'", hint: "open the file in Excel or LibreOffice and save it again as .xlsx, or export CSV") }
      return nil
    }
    var data = Data()
    do {
      _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
    } catch {
      throw InputError(kind: .responses, file: file, message: "the workbook part '\(path)' is damaged", hint: "download the export again")
    }
    return data
  }

  private static func notAWorkbook(path: String, file: String) -> InputError {
    let head = FileHandle(forReadingAtPath: path)?.readData(ofLength: 4) ?? Data()
    if head.isEmpty, !FileManager.default.isReadableFile(atPath: path) {
      return InputError(kind: .file, file: file, message: "cannot read the export file", hint: "check the path given to 'cultivar import'")
    }
    if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
      return InputError(kind: .responses, file: file, message: "this is an Excel 97-2003 (.xls) file, which cannot be read", hint: "save it as an Excel workbook (.xlsx) or as CSV UTF-8")
    }
    return InputError(kind: .responses, file: file, message: "the file is not an Excel workbook (.xlsx)", hint: "give a .xlsx file as downloaded from the survey tool, or a CSV file with --format")
  }
}
