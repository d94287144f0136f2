/// Finds the line of a plugin's source where a value or field is written, so contract problems
/// can point at it (`plugins/x.lua:23: ...`). One pass over the source's bytes builds an index
/// of the string literals and the `name =` assignments on each line, so look-ups cost nothing
/// even for plugins with hundreds of items. Comments are skipped, so a commented-out example
/// (`-- score = function(r) ... end`) is never taken for the real field.
struct SourceLocator {
  /// Literal text → the lines it appears on, ascending.
  private var literals: [String: [Int]] = [:]
  /// Field name → the lines assigning it, ascending.
  private var fields: [String: [Int]] = [:]
  /// Inside a `--[[ ... ]]` comment that spans lines.
  private var inLongComment = false
  /// The last line with code on it (where a missing `return` belongs).
  private(set) var lastCodeLine: Int?

  init(source: String) {
    let bytes = Array(source.utf8)
    var line = 1
    var start = 0
    for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
      index(Array(bytes[start..<i]), number: line)
      line += 1
      start = i + 1
    }
  }

  private static func isNameByte(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || (b >= 0x30 && b <= 0x39)
  }

  /// The index just past the first `]]` at or after `from`, if any.
  private static func longCommentEnd(_ line: [UInt8], from: Int) -> Int? {
    var k = from
    while k + 1 < line.count {
      if line[k] == 0x5D, line[k + 1] == 0x5D { return k + 2 }
      k += 1
    }
    return nil
  }

  private mutating func index(_ line: [UInt8], number: Int) {
    var i = 0
    if inLongComment {
      guard let end = Self.longCommentEnd(line, from: 0) else { return }
      inLongComment = false
      i = end
    }
    while i < line.count {
      let b = line[i]
      if b == 0x2D, i + 1 < line.count, line[i + 1] == 0x2D {  // -- starts a comment
        guard i + 3 < line.count, line[i + 2] == 0x5B, line[i + 3] == 0x5B else { return }
        guard let end = Self.longCommentEnd(line, from: i + 4) else {
          inLongComment = true
          return
        }
        i = end
        continue
      }
      if b != 0x20 && b != 0x09 && b != 0x0D { lastCodeLine = number }
      if b == 0x27 || b == 0x22 {  // ' or "
        guard let close = line[(i + 1)...].firstIndex(of: b) else { return }
        literals[String(decoding: line[(i + 1)..<close], as: UTF8.self), default: []].append(number)
        i = close + 1
        continue
      }
      guard Self.isNameByte(b), !(b >= 0x30 && b <= 0x39) else {
        i += 1
        continue
      }
      let start = i
      while i < line.count, Self.isNameByte(line[i]) { i += 1 }
      var j = i
      while j < line.count, line[j] == 0x20 || line[j] == 0x09 { j += 1 }
      let afterDot = start > 0 && line[start - 1] == 0x2E
      if j < line.count, line[j] == 0x3D, j + 1 == line.count || line[j + 1] != 0x3D, !afterDot {
        fields[String(decoding: line[start..<i], as: UTF8.self), default: []].append(number)
      }
    }
  }

  /// The first line holding the quoted string `value` ('value' or "value"), after line `after`.
  func line(ofString value: String, after: Int = 0) -> Int? {
    literals[value].flatMap { Self.first(in: $0, after: after) }
  }

  /// The first line assigning field `name` (`name =`), after line `after`.
  func line(ofField name: String, after: Int = 0) -> Int? {
    fields[name].flatMap { Self.first(in: $0, after: after) }
  }

  /// The first of `lines` (ascending) above `after`, by binary search: a plugin with thousands
  /// of items looks up a line per item.
  private static func first(in lines: [Int], after: Int) -> Int? {
    var low = 0
    var high = lines.count
    while low < high {
      let mid = (low + high) / 2
      if lines[mid] > after { high = mid } else { low = mid + 1 }
    }
    return low < lines.count ? lines[low] : nil
  }
}
