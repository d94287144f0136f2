/// A small streaming XML scanner for the parts of an Excel workbook: it takes the part in
/// pieces as they are decompressed and reports element starts (with attributes), ends and
/// text, in document order. Written here rather than using Foundation's `XMLParser` because
/// that reads a part whole and refuses text nodes over 10 MB (so large MS Forms exports were
/// called "damaged"), and a workbook is untrusted input: no DTDs, no entity expansion beyond
/// the five predefined entities and character references.
struct XMLStream {
  /// What the scanner reports.
  enum Event {
    case start(name: String, attributes: [String: String])
    case end(name: String)
    case text(String)
  }

  /// Malformed or unsupported XML.
  struct Malformed: Error {
    let reason: String
  }

  private var pending: [UInt8] = []
  /// The longest tag (element with its attributes) accepted, so a missing `>` cannot make
  /// the scanner hold a whole part.
  static let maxTagBytes = 1 << 20

  /// Scans `bytes` (the next piece of the part); `final` for the last piece.
  mutating func feed(_ bytes: UnsafeRawBufferPointer, final: Bool, _ handle: (Event) throws -> Void) throws {
    pending.append(contentsOf: bytes)
    let consumed = try pending.withUnsafeBufferPointer { try scan($0, final: final, handle) }
    pending.removeFirst(consumed)
    if final, !pending.isEmpty { throw Malformed(reason: "the part ends inside a tag") }
  }

  /// Scans what it can; returns how many bytes were consumed.
  private func scan(_ b: UnsafeBufferPointer<UInt8>, final: Bool, _ handle: (Event) throws -> Void) throws -> Int {
    var i = 0
    let n = b.count
    while i < n {
      if b[i] != 0x3C {  // text up to the next '<'
        var end = i
        while end < n, b[end] != 0x3C { end += 1 }
        var stop = end
        if end == n, !final {
          // Keep a possibly cut entity reference for the next piece.
          var amp = end
          while amp > i, end - amp < 12, b[amp - 1] != 0x3B {
            amp -= 1
            if b[amp] == 0x26 {
              stop = amp
              break
            }
          }
        }
        if stop > i { try handle(.text(Self.decode(UnsafeBufferPointer(rebasing: b[i..<stop])))) }
        i = stop
        if stop < end { return i }
        continue
      }
      // A markup construct: find its end (after enough bytes to tell which it is).
      if !final, n - i < 9 { return i }
      if Self.hasPrefix(b, at: i, "<!--") {
        guard let close = Self.find(b, "-->", from: i + 4) else { return try wait(i, n, final) }
        i = close + 3
      } else if Self.hasPrefix(b, at: i, "<![CDATA[") {
        guard let close = Self.find(b, "]]>", from: i + 9) else { return try wait(i, n, final) }
        try handle(.text(String(decoding: UnsafeBufferPointer(rebasing: b[(i + 9)..<close]), as: UTF8.self)))
        i = close + 3
      } else if Self.hasPrefix(b, at: i, "<?") {
        guard let close = Self.find(b, "?>", from: i + 2) else { return try wait(i, n, final) }
        i = close + 2
      } else if Self.hasPrefix(b, at: i, "<!") {
        throw Malformed(reason: "document type declarations are not allowed in a workbook")
      } else {
        guard let close = Self.tagEnd(b, from: i + 1) else { return try wait(i, n, final) }
        try tag(UnsafeBufferPointer(rebasing: b[(i + 1)..<close]), handle)
        i = close + 1
      }
    }
    return i
  }

  /// Waits for more input for the construct at `i` (or fails at the end, or when too long).
  private func wait(_ i: Int, _ n: Int, _ final: Bool) throws -> Int {
    if final { throw Malformed(reason: "the part ends inside a tag") }
    if n - i > Self.maxTagBytes { throw Malformed(reason: "a tag is longer than \(Self.maxTagBytes) bytes") }
    return i
  }

  /// The index of the `>` closing the tag started before `from`, skipping quoted values.
  private static func tagEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    var quote: UInt8 = 0
    var i = from
    while i < b.count {
      let c = b[i]
      if quote != 0 {
        if c == quote { quote = 0 }
      } else if c == 0x22 || c == 0x27 {
        quote = c
      } else if c == 0x3E {
        return i
      }
      i += 1
    }
    return nil
  }

  /// Reports a start tag, an end tag or an empty-element tag (the text between `<` and `>`).
  private func tag(_ t: UnsafeBufferPointer<UInt8>, _ handle: (Event) throws -> Void) throws {
    if t.first == 0x2F {  // </name>
      let name = Self.name(UnsafeBufferPointer(rebasing: t[1...]), from: 0).name
      guard !name.isEmpty else { throw Malformed(reason: "an end tag has no name") }
      try handle(.end(name: Self.local(name)))
      return
    }
    let selfClosing = t.last == 0x2F
    let body = UnsafeBufferPointer(rebasing: t[0..<(selfClosing ? t.count - 1 : t.count)])
    var (name, i) = Self.name(body, from: 0)
    guard !name.isEmpty else { throw Malformed(reason: "a tag has no name") }
    var attributes: [String: String] = [:]
    while true {
      while i < body.count, Self.isSpace(body[i]) { i += 1 }
      if i == body.count { break }
      let (key, afterKey) = Self.name(body, from: i)
      i = afterKey
      while i < body.count, Self.isSpace(body[i]) { i += 1 }
      guard !key.isEmpty, i < body.count, body[i] == 0x3D else { throw Malformed(reason: "a malformed attribute in <\(name)>") }
      i += 1
      while i < body.count, Self.isSpace(body[i]) { i += 1 }
      guard i < body.count, body[i] == 0x22 || body[i] == 0x27 else { throw Malformed(reason: "an unquoted attribute in <\(name)>") }
      let quote = body[i]
      var end = i + 1
      while end < body.count, body[end] != quote { end += 1 }
      guard end < body.count else { throw Malformed(reason: "an unclosed attribute in <\(name)>") }
      attributes[key] = Self.decode(UnsafeBufferPointer(rebasing: body[(i + 1)..<end]))
      i = end + 1
    }
    name = Self.local(name)
    try handle(.start(name: name, attributes: attributes))
    if selfClosing { try handle(.end(name: name)) }
  }

  private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

  /// A name starting at `from` (up to a space, `=`, `/` or the end) and where it ends.
  private static func name(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> (name: String, end: Int) {
    var end = from
    while end < b.count, !isSpace(b[end]), b[end] != 0x3D, b[end] != 0x2F { end += 1 }
    return (String(decoding: UnsafeBufferPointer(rebasing: b[from..<end]), as: UTF8.self), end)
  }

  /// The element name without its namespace prefix (`x:row` → `row`).
  private static func local(_ name: String) -> String {
    guard let colon = name.lastIndex(of: ":") else { return name }
    return String(name[name.index(after: colon)...])
  }

  private static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, at i: Int, _ prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard i + count <= b.count else { return false }
    let p = prefix.utf8Start
    for k in 0..<count where b[i + k] != p[k] { return false }
    return true
  }

  private static func find(_ b: UnsafeBufferPointer<UInt8>, _ marker: StaticString, from: Int) -> Int? {
    let count = marker.utf8CodeUnitCount
    let p = marker.utf8Start
    var i = from
    while i + count <= b.count {
      var same = true
      for k in 0..<count where b[i + k] != p[k] {
        same = false
        break
      }
      if same { return i }
      i += 1
    }
    return nil
  }

  /// A character reference's character: U+FFFD for one XML does not allow (NUL and the
  /// other control characters but tab and line ends, surrogates, beyond U+10FFFF).
  private static func character(_ value: UInt32?) -> Unicode.Scalar {
    guard let value, value >= 0x20 || value == 0x09 || value == 0x0A || value == 0x0D, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
    return scalar
  }

  /// Text with the predefined entities and character references replaced.
  static func decode(_ b: UnsafeBufferPointer<UInt8>) -> String {
    guard b.contains(0x26) else { return String(decoding: b, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var i = 0
    while i < b.count {
      guard b[i] == 0x26, let semicolon = b[i..<min(b.count, i + 12)].firstIndex(of: 0x3B) else {
        out.append(b[i])
        i += 1
        continue
      }
      let entity = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<semicolon]), as: UTF8.self)
      var scalar: Unicode.Scalar?
      switch entity {
      case "lt": scalar = "<"
      case "gt": scalar = ">"
      case "amp": scalar = "&"
      case "quot": scalar = "\""
      case "apos": scalar = "'"
      default:
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
          scalar = Self.character(UInt32(entity.dropFirst(2), radix: 16))
        } else if entity.hasPrefix("#") {
          scalar = Self.character(UInt32(entity.dropFirst(), radix: 10))
        }
      }
      guard let scalar else {
        out.append(b[i])
        i += 1
        continue
      }
      out.append(contentsOf: String(scalar).utf8)
      i = semicolon + 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
