/// Finds the line of a plugin's source where a value or field is written, so contract problems
/// can point at it (`plugins/x.lua:23: ...`).
struct SourceLocator {
  private let lines: [Substring]

  init(source: String) {
    lines = source.split(separator: "\n", omittingEmptySubsequences: false)
  }

  /// The first line holding the quoted string `value` ('value' or "value"), after line `after`.
  func line(ofString value: String, after: Int = 0) -> Int? {
    firstLine(after: after) { $0.contains("'\(value)'") || $0.contains("\"\(value)\"") }
  }

  /// The first line assigning field `name` (`name =`).
  func line(ofField name: String, after: Int = 0) -> Int? {
    firstLine(after: after) { line in
      guard let range = line.range(of: name) else { return false }
      let before = line[..<range.lowerBound].last
      let rest = line[range.upperBound...].drop { $0 == " " || $0 == "\t" }
      return (before == nil || !(before!.isLetter || before!.isNumber || before! == "_")) && rest.first == "="
    }
  }

  private func firstLine(after: Int, _ matches: (Substring) -> Bool) -> Int? {
    guard after < lines.count else { return nil }
    for index in after..<lines.count where matches(lines[index]) { return index + 1 }
    return nil
  }
}
