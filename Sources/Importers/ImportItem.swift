import SurveyIO
import SurveyModel

/// An item the import looks for: its id, text and scale, and the options of a choice item.
public struct ImportItem: Sendable {
  public var id: String
  public var text: String
  public var scale: Scale
  /// A choice item's options (its answers name one, counted as its score); empty for a rating.
  public var options: [Item.Option]

  public init(id: String, text: String, scale: Scale, options: [Item.Option] = []) {
    self.id = id
    self.text = text
    self.scale = scale
    self.options = options
  }
}

extension ImportItem {
  /// The item as the cell decoder shared with `score` sees it.
  var column: ResponseFileReader.ItemColumn { .init(id: id, scale: scale, options: options) }
}
