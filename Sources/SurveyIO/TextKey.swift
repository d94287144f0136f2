import Foundation

/// The comparable form of a header or label: case, accents, punctuation and runs of white
/// space do not matter, so "Strongly  agree." matches "strongly agree" and a header that a
/// survey tool re-typeset still matches the item's text. Used for import headers and for
/// labels in answer cells (``CellDecoder``).
public enum TextKey {
  /// Lowercased, without diacritics, every run of characters that are not letters or digits
  /// replaced by one space, trimmed.
  public static func of(_ text: String) -> String {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    var out = ""
    var pendingSpace = false
    for character in folded {
      if character.isLetter || character.isNumber {
        if pendingSpace, !out.isEmpty { out.append(" ") }
        pendingSpace = false
        out.append(character)
      } else {
        pendingSpace = true
      }
    }
    return out
  }

  /// The text inside the last `[...]` of a header, as Google Forms writes grid rows
  /// (`Question [Row]`), if any.
  public static func bracketed(_ text: String) -> String? {
    guard let close = text.lastIndex(of: "]"), let open = text[..<close].lastIndex(of: "[") else { return nil }
    let inner = text[text.index(after: open)..<close]
    return inner.isEmpty ? nil : String(inner)
  }
}
