/// Finds the line of a plugin's source where a value or field is written, so contract problems
/// can point at it (`plugins/x.lua:23: ...`). One pass over the source builds an index of the
/// string literals and the `name =` assignments on each line, so look-ups cost nothing even for
/// plugins with hundreds of items.
struct SourceLocator {
  /// Literal text → the lines it appears on, ascending.
  private var literals: [Substring: [Int]] = [:]
  /// Field name → the lines assigning it, ascending.
  private var fields: [Substring: [Int]] = [:]

  init(source: String) {
    for (offset, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      index(line, number: offset + 1)
    }
  }

  private mutating func index(_ line: Substring, number: Int) {
    var i = line.startIndex
    var nameStart: Substring.Index? = nil
    while i < line.endIndex {
      let c = line[i]
      if c == "'" || c == "\"" {
        let open = line.index(after: i)
        guard let close = line[open...].firstIndex(of: c) else { return }
        literals[line[open..<close], default: []].append(number)
        i = line.index(after: close)
        nameStart = nil
        continue
      }
      if c.isLetter || c == "_" || (c.isNumber && nameStart != nil) {
        if nameStart == nil { nameStart = i }
      } else if let start = nameStart {
        let name = line[start..<i]
        var j = i
        while j < line.endIndex, line[j] == " " || line[j] == "\t" { j = line.index(after: j) }
        let isPrecededByDot = start > line.startIndex && line[line.index(before: start)] == "."
        if j < line.endIndex, line[j] == "=", !isPrecededByDot,
           line.index(after: j) == line.endIndex || line[line.index(after: j)] != "=" {
          fields[name, default: []].append(number)
        }
        nameStart = nil
      }
      i = line.index(after: i)
    }
  }

  /// The first line holding the quoted string `value` ('value' or "value"), after line `after`.
  func line(ofString value: String, after: Int = 0) -> Int? {
    literals[Substring(value)]?.first { $0 > after }
  }

  /// The first line assigning field `name` (`name =`), after line `after`.
  func line(ofField name: String, after: Int = 0) -> Int? {
    fields[Substring(name)]?.first { $0 > after }
  }
}
