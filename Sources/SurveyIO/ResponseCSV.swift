import SurveyModel

/// A response CSV opened for reading, the one way the response readers open a file: its
/// header read and trimmed, and every CSV syntax error (in the header or a later record)
/// turned into an ``InputError`` naming the file, the line and how to fix it.
final class ResponseCSV {
  /// The file's name as messages show it.
  let file: String
  /// The header's column names, trimmed.
  let header: [String]
  /// The reader, on the current record after ``next()``.
  let reader: CSVReader
  /// Records read so far (blank lines are not records).
  private(set) var rowsRead = 0

  /// Opens `path` and reads its header; `expected` says what the header should hold.
  /// - Throws: ``InputError`` when the file cannot be read, is empty, or its header is not CSV.
  init(path: String, displayName: String?, expected: String) throws {
    let file = displayName ?? path
    self.file = file
    do {
      reader = try CSVReader(path: path)
    } catch {
      throw InputError.unreadable(file, "response file", hint: "check the path given to --responses", cause: error)
    }
    do {
      guard try reader.next() else {
        throw InputError(kind: .responses, file: file, line: 1, message: "the file is empty: expected a header row with \(expected)")
      }
    } catch let error as CSVReader.SyntaxError {
      throw InputError(kind: .responses, file: file, line: error.line, message: error.message, hint: error.hint)
    }
    header = reader.strings.map { $0.trimmingSpaces }
  }

  /// Moves to the next record; false at the end of the file.
  /// - Throws: ``InputError`` for a record the CSV syntax cannot make sense of.
  func next() throws -> Bool {
    do {
      guard try reader.next() else { return false }
    } catch let error as CSVReader.SyntaxError {
      throw InputError(kind: .responses, file: file, line: error.line, message: error.message, hint: error.hint)
    }
    rowsRead += 1
    return true
  }
}
