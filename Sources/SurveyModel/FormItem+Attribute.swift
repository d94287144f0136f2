extension FormItem {
  /// What starts the id of a question on a respondent attribute (a control character, so no
  /// item id can collide with it).
  public static let attributePrefix = "\u{1F}attribute:"

  /// The optional question on a respondent attribute: its question (or name), one choice per
  /// declared value (the value's index), answered like a one-choice item.
  public init(attributeQuestion attribute: Attribute) {
    id = Self.attributePrefix + attribute.name
    text = attribute.question ?? attribute.name
    kind = .scored
    choices = attribute.values.enumerated().map { (Double($0.offset), $0.element) }
  }

  /// The attribute's name, when this is a question on a respondent attribute.
  public var attributeName: String? { id.hasPrefix(Self.attributePrefix) ? String(id.dropFirst(Self.attributePrefix.count)) : nil }
}
