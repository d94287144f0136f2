/// The one way text is trimmed: response cells, headers, table lines, names and slugs.
extension StringProtocol {
  /// The text without the characters `isTrimmed` matches at its start and at its end.
  @inlinable public func trimming(_ isTrimmed: (Character) -> Bool) -> String {
    var text = self[...]
    while let c = text.first, isTrimmed(c) { text = text.dropFirst() }
    while let c = text.last, isTrimmed(c) { text = text.dropLast() }
    return String(text)
  }

  /// The text without the characters `isTrimmed` matches at its end.
  @inlinable public func trimmingEnd(_ isTrimmed: (Character) -> Bool) -> String {
    var text = self[...]
    while let c = text.last, isTrimmed(c) { text = text.dropLast() }
    return String(text)
  }

  /// The text without leading and trailing spaces and tabs (as response cells are read).
  @inlinable public var trimmingSpaces: String { trimming { $0 == " " || $0 == "\t" } }
}
