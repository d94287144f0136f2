import Synchronization

/// A JSON value with ordered object keys, so output is byte-for-byte stable.
enum JSON {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])
  /// A value written by a function straight into the sink, at the given depth (large lists
  /// whose elements are not worth making as values, see ``JSONTeamWriter``).
  case stream((ReportSink, Int) throws -> Void)

  static func number(_ value: Double?) -> JSON { value.map { $0.isFinite ? .number($0) : .null } ?? .null }
  static func string(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }

  /// An array whose elements are made one at a time as they are written, so a long list (the
  /// privacy audit of 50,000 teams) is never held as values, and made and written on the
  /// sink's workers (``ReportSink/items(_:_:)``): the same bytes as
  /// `.array((0..<count).map(element))`.
  static func list(_ count: Int, _ element: @escaping @Sendable (Int) -> JSON) -> JSON {
    guard count > 0 else { return .array([]) }
    return .stream { sink, indent in
      // The first failing element's error, by position, so any number of workers throws the same.
      let failure = Mutex<(at: Int, error: any Error)?>(nil)
      sink.byte(0x5B)
      try sink.items(count) { n, part in
        if n > 0 { part.byte(0x2C) }
        Self.newline(part, indent + 1)
        do {
          try element(n).write(to: part, indent: indent + 1)
        } catch {
          failure.withLock { first in if first == nil || n < first!.at { first = (n, error) } }
        }
      }
      if let first = failure.withLock({ $0 }) { throw first.error }
      Self.newline(sink, indent)
      sink.byte(0x5D)
    }
  }

  /// A value written within one line: a number, text, true/false, null, `[]` or `{}`.
  var isLeaf: Bool {
    switch self {
    case .null, .bool, .number, .string: return true
    case .array(let values): return values.isEmpty
    case .object(let fields): return fields.isEmpty
    case .stream: return false
    }
  }

  /// Writes pretty-printed text with two-space indentation, block by block; an object whose
  /// values are all leaves (a dimension's numbers, a team withheld) takes one line,
  /// `{"id": "d0", "n": 8}`, so a report of many teams reads as a table and holds about half
  /// the bytes. The layout follows the values' kinds only, never their lengths, so two runs
  /// differing in a text (a file's path) differ on that line only. Leaves go straight
  /// into the sink's bytes (numbers by ``ReportSink/exact(_:)``, strings escaped only where
  /// they need it), so a large report costs about what its CSV version does.
  func write(to sink: ReportSink, indent: Int = 0) throws {
    switch self {
    case .null: sink.write("null")
    case .bool(let b): sink.write(b ? "true" : "false")
    case .number(let x): x.isFinite ? sink.exact(x) : sink.write("null")
    case .string(let s): Self.quote(s, into: sink)
    case .array(let values) where !values.isEmpty:
      try Self.writeList(values.count, { values[$0] }, sink, indent: indent)
    case .object(let fields):
      var object = JSONObjectWriter(sink, indent: indent, oneLine: fields.allSatisfy(\.1.isLeaf))
      for (key, value) in fields {
        object.key(key)
        try value.write(to: sink, indent: indent + 1)
      }
      object.close()
    case .stream(let write): try write(sink, indent)
    case .array: sink.write("[]")
    }
    try sink.flushIfFull()
  }

  private static func writeList(_ count: Int, _ element: (Int) -> JSON, _ sink: ReportSink, indent: Int) throws {
    sink.byte(0x5B)
    for n in 0..<count {
      Self.newline(sink, indent + 1)
      try element(n).write(to: sink, indent: indent + 1)
      if n + 1 < count { sink.byte(0x2C) }
    }
    Self.newline(sink, indent)
    sink.byte(0x5D)
  }

  /// A line break and `depth` levels of two-space indentation.
  static func newline(_ sink: ReportSink, _ depth: Int) {
    let width = 1 + 2 * depth
    guard width <= indentation.count else {
      sink.byte(0x0A)
      for _ in 0..<(2 * depth) { sink.byte(0x20) }
      return
    }
    indentation.withUnsafeBufferPointer { sink.append(UnsafeBufferPointer(rebasing: $0[..<width])) }
  }

  /// A line break and the indentation of depths up to 32, whose prefixes are written.
  private static let indentation: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 64)

  /// Writes `s` as a JSON string; text with nothing to escape is copied as it is.
  static func quote(_ s: String, into sink: ReportSink) {
    var s = s
    let plain = s.withUTF8 { bytes in
      for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
      sink.byte(0x22)
      sink.append(bytes)
      sink.byte(0x22)
      return true
    }
    if !plain { sink.write(quote(s)) }
  }

  /// Pretty-printed text with two-space indentation (the same bytes as ``write(to:indent:)``).
  func render(indent: Int = 0) -> String {
    var bytes: [UInt8] = []
    let sink = ReportSink(blockSize: 1 << 16) { bytes += $0 }
    try? write(to: sink, indent: indent)
    try? sink.finish()
    return String(decoding: bytes, as: UTF8.self)
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count) + String(c.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
