/// The generated parts of a Markdown file, between markers:
///
/// ```
/// <!-- BEGIN GENERATED: host-api (cultivar plugins docs --update FILE) -->
/// ...
/// <!-- END GENERATED: host-api -->
/// ```
/// Text outside the markers is never touched.
enum GeneratedSections {
  static func begin(_ name: String) -> String { "<!-- BEGIN GENERATED: \(name) (cultivar plugins docs --update FILE) -->" }
  static func end(_ name: String) -> String { "<!-- END GENERATED: \(name) -->" }

  /// `text` with every marked section replaced by its content.
  /// - Returns: the new text and the names of the sections found.
  /// - Throws: ``AuthoringError`` for a begin marker without its end.
  static func fill(_ text: String, with sections: [(name: String, text: String)], file: String) throws -> (text: String, found: [String]) {
    var result = text
    var found: [String] = []
    for section in sections {
      guard let start = result.range(of: begin(section.name)) else { continue }
      guard let stop = result.range(of: end(section.name), range: start.upperBound..<result.endIndex) else {
        throw AuthoringError("\(file): '\(begin(section.name))' has no matching '\(end(section.name))'", status: .dataError)
      }
      result.replaceSubrange(start.upperBound..<stop.lowerBound, with: "\n" + section.text)
      found.append(section.name)
    }
    return (result, found)
  }
}
