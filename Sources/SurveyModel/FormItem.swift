/// One item as the respondent sees it: its text and the choices of its scale.
public struct FormItem: Equatable, Sendable {
  public var id: String
  public var text: String
  /// The choices, lowest first: each scale point's value and label.
  public var choices: [(value: Double, label: String)]
  /// A rating or choice (one choice), a multi-select (any of its choices, whose values are
  /// the option numbers 0, 1, ...; the answer is their bit set) or a comment (no choices).
  public var kind: Item.Kind = .scored

  /// The item with one choice per whole point of the scale, labelled with the scale's labels
  /// (or the number, where the scale has no label for it); a choice item's choices are its
  /// options, each counted as its score.
  public init(item: Item, scale: Scale) {
    id = item.id
    text = item.text
    kind = item.kind
    if item.kind == .text {
      choices = []
      return
    }
    if item.kind == .multi {
      choices = item.options.enumerated().map { (Double($0.offset), $0.element.label) }
      return
    }
    if item.isChoice {
      choices = item.options.map { ($0.score, $0.label) }
      return
    }
    let count = max(0, Int(scale.max - scale.min) + 1)
    choices = (0..<count).map { i in
      let value = scale.min + Double(i)
      return (value, i < scale.labels.count ? scale.labels[i] : Number.format(value))
    }
  }

  public static func == (a: FormItem, b: FormItem) -> Bool {
    a.id == b.id && a.text == b.text && a.kind == b.kind && a.choices.map(\.value) == b.choices.map(\.value)
      && a.choices.map(\.label) == b.choices.map(\.label)
  }
}

extension FormItem {
  /// The longest comment a form accepts, in characters.
  public static let maximumCommentLength = 4000
}
