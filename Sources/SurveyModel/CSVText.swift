/// Writing CSV text (RFC 4180): the one CSV writer (reports, rejects files, comparisons),
/// whose output the one reader (`SurveyIO.CSVTokenizer`) reads back unchanged.
public enum CSVText {
  /// The field quoted when it holds a comma, quote or line break.
  public static func field(_ text: String) -> String {
    // Bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
    guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One CSV line (without the line break). A record of one empty field is written `""`,
  /// since an empty line is no record at all.
  public static func line(_ fields: [String]) -> String {
    fields == [""] ? "\"\"" : fields.map(field).joined(separator: ",")
  }
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
