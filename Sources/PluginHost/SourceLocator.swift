/// Finds the line of a plugin's source where a value or field is written, so contract problems
/// can point at it (`plugins/x.lua:23: ...`). Comments are ignored, so a commented-out example
/// (`-- score = function(r) ... end`) is never taken for the real field.
struct SourceLocator {
  /// Each line without its `--` comment.
  private let lines: [Substring]

  init(source: String) {
    var inLongComment = false
    lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      if inLongComment {
        if line.contains("]]") { inLongComment = false }
        return ""
      }
      guard let comment = line.range(of: "--") else { return line }
      if line[comment.upperBound...].hasPrefix("[[") || line[comment.upperBound...].hasPrefix("[=[") {
        inLongComment = !line[comment.upperBound...].dropFirst(2).contains("]")
      }
      return line[..<comment.lowerBound]
    }
  }

  /// The first line holding the quoted string `value` ('value' or "value"), after line `after`.
  func line(ofString value: String, after: Int = 0) -> Int? {
    firstLine(after: after) { $0.contains("'\(value)'") || $0.contains("\"\(value)\"") }
  }

  /// The first line assigning field `name` (`name =`, not `name ==`).
  func line(ofField name: String, after: Int = 0) -> Int? {
    firstLine(after: after) { line in
      var searchFrom = line.startIndex
      while let range = line.range(of: name, range: searchFrom..<line.endIndex) {
        searchFrom = range.upperBound
        let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
        let rest = line[range.upperBound...].drop { $0 == " " || $0 == "\t" }
        let boundary = before.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true
        if boundary, rest.first == "=", rest.dropFirst().first != "=" { return true }
      }
      return false
    }
  }

  /// The last line with code on it (where a missing `return` belongs).
  var lastCodeLine: Int? {
    lines.lastIndex { !$0.allSatisfy(\.isWhitespace) }.map { $0 + 1 }
  }

  private func firstLine(after: Int, _ matches: (Substring) -> Bool) -> Int? {
    guard after < lines.count else { return nil }
    for index in after..<lines.count where matches(lines[index]) { return index + 1 }
    return nil
  }
}
