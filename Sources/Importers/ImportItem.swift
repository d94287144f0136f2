import SurveyModel

/// An item the import looks for: its id, text and scale.
public struct ImportItem: Sendable {
  public var id: String
  public var text: String
  public var scale: Scale

  public init(id: String, text: String, scale: Scale) {
    self.id = id
    self.text = text
    self.scale = scale
  }
}
