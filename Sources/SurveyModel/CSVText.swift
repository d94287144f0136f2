/// Writing CSV text (RFC 4180).
public enum CSVText {
  /// The field quoted when it holds a comma, quote or line break.
  public static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One CSV line (without the line break).
  public static func line(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",")
  }
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
