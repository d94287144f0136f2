/// A JSON value with ordered object keys, so output is byte-for-byte stable.
enum JSON {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  /// An array whose elements are made one at a time while writing (large lists).
  case lazyArray(Int, (Int) -> JSON)
  case object([(String, JSON)])

  static func number(_ value: Double?) -> JSON { value.map { $0.isFinite ? .number($0) : .null } ?? .null }
  static func string(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }

  /// Writes pretty-printed text with two-space indentation, block by block.
  func write(to sink: ReportSink, indent: Int = 0) throws {
    let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
    switch self {
    case .array(let values) where !values.isEmpty:
      try writeList(values.count, { values[$0] }, sink, pad: pad, close: close, indent: indent)
    case .lazyArray(let count, let element) where count > 0:
      try writeList(count, element, sink, pad: pad, close: close, indent: indent)
    case .object(let fields) where !fields.isEmpty:
      sink.write("{\n")
      for (n, (key, value)) in fields.enumerated() {
        sink.write(pad + Self.quote(key) + ": ")
        try value.write(to: sink, indent: indent + 1)
        sink.write(n + 1 < fields.count ? ",\n" : "\n")
      }
      sink.write(close + "}")
    case .lazyArray: sink.write("[]")
    default: sink.write(render(indent: indent))
    }
    try sink.flushIfFull()
  }

  private func writeList(_ count: Int, _ element: (Int) -> JSON, _ sink: ReportSink, pad: String, close: String, indent: Int) throws {
    sink.write("[\n")
    for n in 0..<count {
      sink.write(pad)
      try element(n).write(to: sink, indent: indent + 1)
      sink.write(n + 1 < count ? ",\n" : "\n")
    }
    sink.write(close + "]")
  }

  /// Pretty-printed text with two-space indentation.
  func render(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let x): return Format.exact(x)
    case .string(let s): return Self.quote(s)
    case .lazyArray(let count, let element):
      return JSON.array((0..<count).map(element)).render(indent: indent)
    case .array(let values):
      if values.isEmpty { return "[]" }
      return "[\n" + values.map { pad + $0.render(indent: indent + 1) }.joined(separator: ",\n") + "\n\(close)]"
    case .object(let fields):
      if fields.isEmpty { return "{}" }
      return "{\n" + fields.map { pad + Self.quote($0.0) + ": " + $0.1.render(indent: indent + 1) }.joined(separator: ",\n") + "\n\(close)}"
    }
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
