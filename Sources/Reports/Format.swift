/// Number formatting shared by the text reports.
enum Format {
  /// Fixed decimals, or "" for nil.
  static func fixed(_ value: Double?, _ decimals: Int) -> String {
    guard let value, value.isFinite else { return "" }
    let factor = pow10(decimals)
    let rounded = (value * factor).rounded() / factor
    var text = String(rounded)
    if let dot = text.firstIndex(of: ".") {
      let have = text.distance(from: dot, to: text.endIndex) - 1
      if decimals == 0 { text = String(text[..<dot]) } else if have < decimals { text += String(repeating: "0", count: decimals - have) }
    } else if decimals > 0, !text.contains("e") {
      text += "." + String(repeating: "0", count: decimals)
    }
    return text == "-0" || text.hasPrefix("-0.") && Double(text) == 0 ? String(text.dropFirst()) : text
  }

  /// Fixed decimals with an explicit sign ("+3.0", "-6.5", "0.0"), or "" for nil; `minus` is
  /// the sign written before a negative number (the comparison reports write "−", U+2212).
  static func signed(_ value: Double?, _ decimals: Int, minus: String = "-") -> String {
    let text = fixed(value, decimals)
    guard !text.isEmpty, Double(text) != 0 else { return text }
    return text.hasPrefix("-") ? minus + text.dropFirst() : "+" + text
  }

  /// Full precision (shortest text that reads back as the same double), or "" for nil.
  static func exact(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "" }
    return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }

  private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { x, _ in x * 10 } }
}
