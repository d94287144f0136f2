/// Finds the line of a plugin's source where a value or field is written, so contract problems
/// can point at it (`plugins/x.lua:23: ...`). One pass over the source's bytes builds an index
/// of the string literals and the `name =` assignments on each line, so look-ups cost nothing
/// even for plugins with hundreds of items.
struct SourceLocator {
  /// Literal text → the lines it appears on, ascending.
  private var literals: [String: [Int]] = [:]
  /// Field name → the lines assigning it, ascending.
  private var fields: [String: [Int]] = [:]

  init(source: String) {
    var source = source
    source.withUTF8 { bytes in
      var line = 1, start = 0
      for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
        index(UnsafeBufferPointer(rebasing: bytes[start..<i]), number: line)
        line += 1
        start = i + 1
      }
    }
  }

  private static func isNameByte(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || (b >= 0x30 && b <= 0x39)
  }

  private mutating func index(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
    var i = 0
    while i < line.count {
      let b = line[i]
      if b == 0x27 || b == 0x22 {  // ' or "
        guard let close = line[(i + 1)...].firstIndex(of: b) else { return }
        literals[String(decoding: UnsafeBufferPointer(rebasing: line[(i + 1)..<close]), as: UTF8.self), default: []].append(number)
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
        fields[String(decoding: UnsafeBufferPointer(rebasing: line[start..<i]), as: UTF8.self), default: []].append(number)
      }
    }
  }

  /// The first line holding the quoted string `value` ('value' or "value"), after line `after`.
  func line(ofString value: String, after: Int = 0) -> Int? {
    literals[value]?.first { $0 > after }
  }

  /// The first line assigning field `name` (`name =`), after line `after`.
  func line(ofField name: String, after: Int = 0) -> Int? {
    fields[name]?.first { $0 > after }
  }
}
