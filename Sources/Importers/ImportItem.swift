import SurveyIO
import SurveyModel

/// An item the import looks for: its id, text and scale, and the options of a choice item.
public struct ImportItem: Sendable {
  public var id: String
  public var text: String
  public var scale: Scale
  /// A choice item's options (its answers name one, counted as its score); empty for a rating.
  public var options: [Item.Option]
  /// A rating or choice (scored), a multi-select (its options, stored as a bit set), or a
  /// comment (stored as text, apart from the answers).
  public var kind: Item.Kind
  /// Its answer labels in each language of the survey (``ItemLabels``; empty: its own only).
  public var labels: [ItemLabels] = []

  public init(id: String, text: String, scale: Scale, options: [Item.Option] = [], kind: Item.Kind = .scored) {
    self.id = id
    self.text = text
    self.scale = scale
    self.options = options
    self.kind = kind
  }
}

extension ImportItem {
  /// The item as the cell decoder shared with `score` sees it.
  var column: ResponseFileReader.ItemColumn {
    var column = ResponseFileReader.ItemColumn(id: id, scale: scale, options: options)
    column.labels = labels
    return column
  }
}
