/// Shortening of long texts (citations, option labels) for one-line messages and listings.
public enum Shortening {
  /// `text` on one line (runs of white space as one space) and, when longer than `width`
  /// characters, cut at the last space that fits, without trailing punctuation, plus "…".
  public static func shortened(_ text: String, to width: Int) -> String {
    let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    guard flat.count > width else { return flat }
    var cut = Substring(flat.prefix(max(1, width - 1)))
    if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
    while let last = cut.last, " ,;:./".contains(last) { cut.removeLast() }
    return cut + "…"
  }
}
