import Foundation
import SurveyIO

/// The records of a CSV file as JSON, for the differential test against Python's `csv`:
/// `{"records": [[...]], "lines": [...]}` or `{"error": {"line": L, "field": F, "message": M}}`.
/// The chunked reading is checked against the sequential one on the way
/// (`"chunked": "differs"` when they disagree).
enum TokenDump {
  static func json(path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return #"{"unreadable": true}"# }
    let sequential = CSVTarget.read(CSVReader(bytes: Array(data)))
    var object: [String: Any] = [:]
    if let error = sequential.error {
      object["error"] = ["line": error.line, "field": error.column, "message": error.message]
    } else {
      object["records"] = sequential.records.map(\.fields)
      object["lines"] = sequential.records.map(\.line)
    }
    let chunked = CSVTarget.chunked(path: path, chunkSize: 5)
    let agrees =
      sequential.error != nil
      ? chunked.error == sequential.error : chunked.error == nil && chunked.records.map(\.fields) == sequential.records.map(\.fields)
    object["chunked"] = agrees ? "same" : "differs"
    let bytes = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return String(decoding: bytes, as: UTF8.self)
  }
}
