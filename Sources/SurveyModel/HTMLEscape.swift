/// Escaping text for HTML (the HTML report and the web form).
public enum HTMLEscape {
  /// Text safe inside an element or a quoted attribute.
  public static func text(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }
}
