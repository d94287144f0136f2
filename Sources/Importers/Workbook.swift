import Foundation
import SurveyIO
import ZIPFoundation

/// The first worksheet of an Excel workbook (`.xlsx`), read with ZIPFoundation and parsed
/// here: the workbook and its relationships say which part holds the first sheet, the shared
/// strings give the text of string cells. Parts are decompressed in pieces straight into
/// ``XMLStream`` and bounded by ``WorkbookLimits``: a zip bomb or a cell reference far to the
/// right stops with an error instead of filling memory.
enum Workbook {
  /// The rows of the first worksheet, blank rows left out.
  /// - Throws: ``InputError`` when the file is not a readable workbook or is too large.
  static func firstSheetRows(path: String, file: String) throws -> [TableRow] {
    let archive: Archive
    do {
      // A zip archive is read out of order: a directory, a pipe or a device never is one (and
      // would make the archive reader wait or spin).
      guard try InputFile(path: path).isRegularFile else {
        throw InputFile.Failure(path: path, reason: "it is not a file on disk, and a workbook is read out of order")
      }
    } catch {
      throw InputError.unreadable(file, "export file", hint: "check the path given to 'cultivar import'", cause: error)
    }
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw notAWorkbook(path: path, file: file)
    }
    let sheetPath = try firstSheetPath(archive, file: file)
    var strings = SharedStrings()
    try scan("xl/sharedStrings.xml", of: archive, file: file, required: false) { try strings.take($0) }
    var sheet = SheetRows(sharedStrings: strings.strings, file: file)
    try scan(sheetPath, of: archive, file: file, required: true) { try sheet.take($0) }
    return try sheet.finish()
  }

  /// The path inside the archive of the workbook's first sheet.
  private static func firstSheetPath(_ archive: Archive, file: String) throws -> String {
    var firstID: String?
    try scan("xl/workbook.xml", of: archive, file: file, required: true) { event in
      if case .start("sheet", let attributes) = event, firstID == nil {
        firstID = attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value
      }
    }
    var target: String?
    if let firstID {
      try scan("xl/_rels/workbook.xml.rels", of: archive, file: file, required: false) { event in
        if case .start("Relationship", let attributes) = event, attributes["Id"] == firstID { target = attributes["Target"] }
      }
    }
    guard let target else { return "xl/worksheets/sheet1.xml" }
    return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
  }

  /// Decompresses one part piece by piece into the XML scanner, within the limits.
  private static func scan(_ path: String, of archive: Archive, file: String, required: Bool, _ handle: (XMLStream.Event) throws -> Void) throws {
    guard let entry = archive[path] else {
      if required {
        throw InputError(
          kind: .responses, file: file, message: "the workbook has no part '\(path)'",
          hint: "open the file in Excel or LibreOffice and save it again as .xlsx, or export CSV")
      }
      return
    }
    let declared = entry.uncompressedSize
    guard declared <= WorkbookLimits.maxPartBytes else { throw WorkbookLimits.tooLarge(path, file: file) }
    var stream = XMLStream()
    var produced: UInt64 = 0
    var failure: Error?
    do {
      _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { data in
        produced += UInt64(data.count)
        // More than the entry declares is a damaged or hostile archive; stop reading.
        guard produced <= declared, produced <= WorkbookLimits.maxPartBytes else { throw WorkbookLimits.tooLarge(path, file: file) }
        do {
          try data.withUnsafeBytes { try stream.feed($0, final: false, handle) }
        } catch {
          failure = error
          throw error
        }
      }
      try stream.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true, handle)
    } catch let error as InputError {
      throw error
    } catch {
      if let malformed = (failure ?? error) as? XMLStream.Malformed {
        throw InputError(
          kind: .responses, file: file, message: "the workbook part '\(path)' is not valid XML: \(malformed.reason)",
          hint: "open the file in Excel or LibreOffice and save it again as .xlsx")
      }
      if let input = failure as? InputError { throw input }
      throw InputError(kind: .responses, file: file, message: "the workbook part '\(path)' is damaged", hint: "download the export again")
    }
  }

  private static func notAWorkbook(path: String, file: String) -> InputError {
    let head = InputFile.head(of: path, count: 4) ?? []
    if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
      return InputError(
        kind: .responses, file: file, message: "this is an Excel 97-2003 (.xls) file, which cannot be read",
        hint: "save it as an Excel workbook (.xlsx) or as CSV UTF-8")
    }
    return InputError(
      kind: .responses, file: file, message: "the file is not an Excel workbook (.xlsx)",
      hint: "give a .xlsx file as downloaded from the survey tool, or a CSV file with --format")
  }
}

/// How much of a workbook is read at most: far beyond any survey export (Excel itself stops
/// at 1,048,576 rows and 16,384 columns), small enough that a hostile file cannot exhaust
/// memory.
enum WorkbookLimits {
  /// The largest part (worksheet, shared strings) decompressed, declared or actual.
  static let maxPartBytes: UInt64 = 256 << 20
  /// The last column Excel has (`XFD`).
  static let maxColumn = 16_384
  /// The most cells a sheet may spread over, counting the empty ones before each cell.
  static let maxCells = 10_000_000

  static func tooLarge(_ part: String, file: String) -> InputError {
    InputError(
      kind: .responses, file: file,
      message: "the workbook part '\(part)' is larger than \(maxPartBytes >> 20) MiB uncompressed (or larger than it says)",
      hint: "export the responses as CSV instead, or check that the file is the survey export")
  }
}
