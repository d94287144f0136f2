import SurveyModel

/// Escaping and small builders for the HTML report (no template engine: the report is a few
/// hundred lines of markup).
enum HTMLText {
  /// Text safe inside an element or a quoted attribute, control and bidirectional marks
  /// written out visibly (SVG labels, titles, attributes).
  static func escape(_ text: String) -> String { HTMLEscape.text(SafeText.terminal(text)) }

  /// The report's own words (from the message files) as element content: escaped like any
  /// text, with apostrophes left as they are (they need escaping only inside attributes).
  static func words(_ text: String) -> String { escape(text).replacing("&#39;", with: "'") }

  /// A name from the inputs (team, dimension, band) as element content: isolated with `<bdi>`
  /// so right-to-left text or bidi marks in it cannot reorder the text around it.
  static func name(_ text: String) -> String {
    "<bdi>" + HTMLEscape.text(SafeText.terminal(text, keepingBidi: true)) + "</bdi>"
  }

  /// A coordinate or length for SVG, with one decimal.
  static func number(_ value: Double) -> String { Format.fixed(value, 1) }

  /// An SVG `<text>` element.
  static func text(_ content: String, x: Double, y: Double, anchor: String = "start", cssClass: String? = nil, fill: String? = nil) -> String {
    var attributes = "x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\""
    if let cssClass { attributes += " class=\"\(cssClass)\"" }
    if let fill { attributes += " fill=\"\(fill)\"" }
    return "<text \(attributes)>\(escape(content))</text>"
  }

  /// A label that must fit `characters` characters: shortened with "…" when longer, the full
  /// text kept as its tooltip (and, in the report, in a table beside the chart).
  static func label(_ content: String, fitting characters: Int, x: Double, y: Double, anchor: String = "start", cssClass: String? = nil) -> String {
    let short = Shortening.shortened(content, to: characters)
    let text = self.text(short, x: x, y: y, anchor: anchor, cssClass: cssClass)
    return short == content ? text : "<g><title>\(escape(content))</title>\(text)</g>"
  }

  /// The opening tag of a chart drawn at its own size (1 SVG unit = 1 CSS pixel, so its text
  /// keeps the style sheet's sizes; a narrow screen scrolls it instead of shrinking it).
  static func svgOpen(_ cssClass: String, width: Double, height: Double, label: String) -> String {
    "<svg class=\"\(cssClass)\" width=\"\(number(width))\" height=\"\(number(height))\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" aria-label=\"\(escape(label))\" xmlns=\"http://www.w3.org/2000/svg\">"
  }

  /// The start of a self-contained report page, up to and including `<main>`: the title, the
  /// generator, the shared style sheet plus `extraCSS`.
  static func pageStart(title: String, generator: String, extraCSS: String = "", language: String = "en") -> String {
    """
    <!DOCTYPE html>
    <html lang="\(escape(language))">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="\(escape(generator))">
    <title>\(escape(title))</title>
    <style>
    \(HTMLStyle.css)\(extraCSS)
    </style>
    </head>
    <body>
    <main>

    """
  }

  /// An HTML table with a header row; cells are already escaped markup, the first is the row
  /// header and the `numeric` columns are right-aligned.
  static func table(header: [String], rows: [[String]], cssClass: String = "data", numeric: Set<Int> = []) -> String {
    var out = "<table class=\"\(cssClass)\"><thead><tr>"
    out += header.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
    out += "</tr></thead><tbody>"
    for row in rows {
      out +=
        "<tr>"
        + row.enumerated().map { i, cell in
          i == 0 ? "<th scope=\"row\">\(cell)</th>" : (numeric.contains(i) ? "<td class=\"num\">\(cell)</td>" : "<td>\(cell)</td>")
        }.joined() + "</tr>"
    }
    return out + "</tbody></table>"
  }
}
