import Foundation
import SurveyIO

/// A list of invitees (CSV with a header), read only to count people per team: the team
/// column is read, every other column (names, addresses) is skipped and nothing of the file
/// is stored or printed.
enum PeopleFile {
  /// The number of people per team, in the order teams first appear.
  /// - Parameters:
  ///   - teamColumn: the header of the team column (matched without regard to case).
  /// - Throws: ``InputError`` naming the file (and line) when it cannot be used.
  static func counts(path: String, displayName: String, teamColumn: String = "team") throws -> [(team: String, count: Int)] {
    let reader: CSVReader
    do {
      reader = try CSVReader(path: path)
    } catch {
      throw InputError(kind: .file, file: displayName, message: "cannot read the people file", hint: "check the path")
    }
    func fail(_ line: Int, _ message: String, _ hint: String? = nil) -> InputError {
      InputError(kind: .responses, file: displayName, line: line, message: message, hint: hint)
    }
    do {
      guard try reader.next() else { throw fail(1, "the people file is empty", "give a CSV file with a header row and a '\(teamColumn)' column") }
      let header = reader.strings.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
      guard let column = header.firstIndex(of: teamColumn.lowercased()) else {
        throw fail(
          reader.line, "the people file has no '\(teamColumn)' column",
          "add a '\(teamColumn)' column (other columns are ignored), or name the column with --team-column")
      }
      var order: [String] = []
      var counts: [String: Int] = [:]
      while try reader.next() {
        guard column < reader.fieldCount else { throw fail(reader.line, "this row has no '\(teamColumn)' cell") }
        let team = reader.string(at: column).trimmingCharacters(in: .whitespaces)
        guard !team.isEmpty else { throw fail(reader.line, "the '\(teamColumn)' cell is empty", "give every person a team") }
        guard !team.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
          throw fail(reader.line, "the '\(teamColumn)' cell contains a control character")
        }
        if counts[team] == nil { order.append(team) }
        counts[team, default: 0] += 1
      }
      guard !order.isEmpty else { throw fail(reader.line, "the people file lists nobody", "add one row per person") }
      return order.map { ($0, counts[$0]!) }
    } catch let error as CSVReader.SyntaxError {
      throw InputError(kind: .responses, file: displayName, line: error.line, message: error.message)
    }
  }
}
