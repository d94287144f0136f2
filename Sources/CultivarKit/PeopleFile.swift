import Foundation
import SurveyIO
import SurveyModel

/// A list of invitees (CSV with a header), read only for each person's team and the values of
/// the survey's declared attributes (columns named like them, in any case): every other column
/// (names, addresses) is skipped, and nothing else of the file is stored or printed.
enum PeopleFile {
  /// People who share a team and attribute values, so their links are alike.
  struct Group: Equatable {
    var team: String
    /// Attribute name → declared value (a blank cell sets nothing).
    var attributes: [String: String]
    var count: Int
  }

  /// The groups of people, in the order they first appear.
  /// - Parameters:
  ///   - teamColumn: the header of the team column (matched without regard to case).
  ///   - attributes: the survey's declared attributes.
  /// - Throws: ``InputError`` naming the file, line and column when it cannot be used (an
  ///   undeclared attribute value with a suggestion); nothing is read on then.
  static func groups(path: String, displayName: String, teamColumn: String = "team", attributes: [Attribute] = []) throws -> [Group] {
    let reader: CSVReader
    do {
      reader = try CSVReader(path: path)
    } catch {
      throw InputError.unreadable(displayName, "people file", hint: "check the path", cause: error)
    }
    func fail(_ line: Int, _ message: String, _ hint: String? = nil) -> InputError {
      InputError(kind: .responses, file: displayName, line: line, message: message, hint: hint)
    }
    do {
      guard try reader.next() else { throw fail(1, "the people file is empty", "give a CSV file with a header row and a '\(teamColumn)' column") }
      let rawHeader = reader.strings.map { $0.trimmingCharacters(in: .whitespaces) }
      let header = rawHeader.map { $0.lowercased() }
      guard let column = header.firstIndex(of: teamColumn.lowercased()) else {
        throw fail(
          reader.line, "the people file has no '\(teamColumn)' column",
          "add a '\(teamColumn)' column (other columns are ignored), or name the column with --team-column")
      }
      // The declared attributes the file has a column for.
      let attributeColumns = attributes.compactMap { a in header.firstIndex(of: a.name.lowercased()).map { (attribute: a, column: $0) } }
      var order: [Group] = []
      var index: [String: Int] = [:]
      while try reader.next() {
        guard column < reader.fieldCount else { throw fail(reader.line, "this row has no '\(teamColumn)' cell") }
        let team = reader.string(at: column).trimmingCharacters(in: .whitespaces)
        guard !team.isEmpty else { throw fail(reader.line, "the '\(teamColumn)' cell is empty", "give every person a team") }
        guard !team.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
          throw fail(reader.line, "the '\(teamColumn)' cell contains a control character")
        }
        var values: [String: String] = [:]
        for (attribute, c) in attributeColumns where c < reader.fieldCount {
          let text = reader.string(at: c).trimmingCharacters(in: .whitespaces)
          if text.isEmpty { continue }
          guard let label = attribute.label(of: text, number: NumberParser.parse(text)) else {
            throw fail(
              reader.line, "column \(c + 1) '\(rawHeader[c])': \(attribute.refusal(text))",
              "give one of the values the survey declares for '\(attribute.name)', or leave the cell empty (the form then asks it)")
          }
          values[attribute.name] = label
        }
        let key = ([team] + values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: "\u{1F}")
        if let at = index[key] {
          order[at].count += 1
        } else {
          index[key] = order.count
          order.append(Group(team: team, attributes: values, count: 1))
        }
      }
      guard !order.isEmpty else { throw fail(reader.line, "the people file lists nobody", "add one row per person") }
      return order
    } catch let error as CSVReader.SyntaxError {
      throw InputError(kind: .responses, file: displayName, line: error.line, message: error.message)
    }
  }
}
