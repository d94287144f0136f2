import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Runs an event-driven XML parser over `data` with handlers for element starts, ends and text.
/// Used for the few parts of an Excel workbook the importer needs.
final class XMLScan: NSObject, XMLParserDelegate {
  private let onStart: (String, [String: String]) -> Void
  private let onEnd: (String) -> Void
  private let onText: (String) -> Void

  private init(onStart: @escaping (String, [String: String]) -> Void, onEnd: @escaping (String) -> Void, onText: @escaping (String) -> Void) {
    self.onStart = onStart
    self.onEnd = onEnd
    self.onText = onText
  }

  /// Parses `data`, calling the handlers in document order.
  /// - Returns: false when the XML is malformed.
  static func run(
    _ data: Data, start: @escaping (String, [String: String]) -> Void, end: @escaping (String) -> Void = { _ in },
    text: @escaping (String) -> Void = { _ in }
  ) -> Bool {
    let scan = XMLScan(onStart: start, onEnd: end, onText: text)
    let parser = XMLParser(data: data)
    parser.shouldProcessNamespaces = false
    parser.delegate = scan
    return parser.parse()
  }

  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    onStart(Self.local(name), attributes)
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    onEnd(Self.local(name))
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    onText(string)
  }

  /// The element name without its namespace prefix (`x:row` → `row`).
  private static func local(_ name: String) -> String {
    name.split(separator: ":").last.map(String.init) ?? name
  }
}
