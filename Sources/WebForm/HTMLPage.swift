import SurveyModel

/// A small HTML page: escaped text in, a complete document out. No script, no external
/// resource, nothing that can leak the invitation link to another site.
struct HTMLPage {
  var title: String
  var body: String
  /// The language of the page's text (`<html lang>`).
  var language = "en"

  /// Text made safe to place in HTML text or a quoted attribute.
  static func escape(_ text: String) -> String { HTMLEscape.text(text) }

  /// The whole document.
  var html: String {
    """
    <!doctype html>
    <html lang="\(Self.escape(language))">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="same-origin">
    <title>\(Self.escape(title))</title>
    <style>
    body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1d1d1f; }
    fieldset { border: 1px solid #ccc; border-radius: 6px; margin: 0 0 1rem; padding: 0.75rem 1rem; }
    legend { font-weight: 600; padding: 0 0.25rem; }
    label { display: block; padding: 0.15rem 0; }
    .note { color: #555; }
    .languages { text-align: right; font-size: 0.95rem; }
    .languages a, .languages strong { margin-left: 0.5rem; }
    .progress { display: block; font-weight: 400; font-size: 0.85rem; color: #555; }
    button { font-size: 1rem; padding: 0.5rem 1.25rem; }
    </style>
    </head>
    <body>
    \(body)
    </body>
    </html>

    """
  }
}
