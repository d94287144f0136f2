/// Text from any input (team names, plugin labels and advice, file names, error messages)
/// made safe for where it is shown: a terminal, a spreadsheet cell, Markdown.
public enum SafeText {
  /// Whether a scalar would act on a terminal or reorder text instead of being shown: C0 and
  /// C1 controls, DEL, and the bidirectional embedding, override and isolate marks.
  public static func isActive(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
    default: return false
    }
  }

  /// The text with every active scalar written out (`\x1b`, `\r`, `\u{202e}`), so that nothing
  /// from an input can move the cursor, set a title, ring, erase or reorder a terminal line.
  /// - Parameter keepingLineBreaks: leave `\n` as is (whole messages); cells and names escape it.
  /// - Parameter keepingBidi: leave bidirectional marks as they are (for HTML, which isolates
  ///   the text in `<bdi>` instead).
  public static func terminal(_ text: String, keepingLineBreaks: Bool = false, keepingBidi: Bool = false) -> String {
    let active = { (scalar: Unicode.Scalar) in isActive(scalar) && !(keepingBidi && scalar.value > 0x9F) }
    guard text.unicodeScalars.contains(where: active) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if !active(scalar) || (keepingLineBreaks && scalar == "\n") {
        out.append(scalar)
        continue
      }
      let visible: String
      switch scalar {
      case "\n": visible = "\\n"
      case "\r": visible = "\\r"
      case "\t": visible = "\\t"
      case _ where scalar.value < 0x100: visible = "\\x" + hex(scalar.value, width: 2)
      default: visible = "\\u{" + hex(scalar.value, width: 4) + "}"
      }
      out.append(contentsOf: visible.unicodeScalars)
    }
    return String(out)
  }

  /// A spreadsheet text cell that cannot run as a formula (OWASP CSV injection): a cell whose
  /// first character after any leading `'` is `=`, `+`, `-`, `@`, tab or carriage return gets
  /// one more leading `'`. Only for text: numbers are written as numbers and never pass through
  /// here. ``spreadsheetValue(_:)`` undoes it: reading what this writes gives the text back,
  /// for every text (the leading `'`s counted, so `'=x` is written `''=x` and read `'=x`).
  public static func spreadsheetCell(_ text: String) -> String {
    formulaLike(text.utf8, quoted: false) ? "'" + text : text
  }

  /// A text cell as written by ``spreadsheetCell(_:)`` (or by a spreadsheet, where a leading
  /// `'` marks text): one leading `'` is removed from a cell that starts with `'` followed by
  /// what ``spreadsheetCell(_:)`` neutralises; any other cell is its own value. The one reading
  /// of team, unit, attribute and language cells, in every reader of responses.
  public static func spreadsheetValue(_ cell: String) -> String {
    formulaLike(cell.utf8, quoted: true) ? String(cell.dropFirst()) : cell
  }

  /// How many leading bytes of a cell ``spreadsheetValue(_:)`` removes (0 or 1), for readers
  /// that compare bytes.
  public static func spreadsheetMarkLength(_ cell: UnsafeBufferPointer<UInt8>) -> Int {
    // Most cells do not start with `'` (a hook run asks once per team and chunk).
    guard cell.first == UInt8(ascii: "'") else { return 0 }
    return formulaLike(cell, quoted: true) ? 1 : 0
  }

  /// Whether the cell is `'*` (at least one `'` when `quoted`) then `=`, `+`, `-`, `@`, tab or CR.
  private static func formulaLike<C: Collection>(_ utf8: C, quoted: Bool) -> Bool where C.Element == UInt8 {
    var quotes = 0
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "'"): quotes += 1
      case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return !quoted || quotes > 0
      default: return false
      }
    }
    return false
  }

  /// A Markdown table cell: formula-safe, control characters visible, and `|`, `\`, `` ` ``,
  /// `*`, `_`, `[`, `]`, `<` and `>` escaped so they cannot start markup, links or HTML.
  public static func markdownCell(_ text: String) -> String {
    var out = ""
    for character in terminal(spreadsheetCell(text)) {
      switch character {
      case "|", "\\", "`", "*", "_", "[", "]", "<", ">": out += "\\" + String(character)
      default: out.append(character)
      }
    }
    return out
  }

  private static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
