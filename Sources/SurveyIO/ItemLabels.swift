import SurveyModel

/// An item's answer labels in one language: what a response file exported in that language
/// writes in its cells (scale labels for a rating item, option labels for a choice or
/// multi-select item).
public struct ItemLabels: Sendable, Equatable {
  public var language: String
  /// The scale's labels, lowest point first.
  public var scale: [String]
  /// The options' labels, in the item's option order.
  public var options: [String]
  /// The question in that language (an export's header may be it).
  public var text = ""

  public init(language: String, scale: [String], options: [String]) {
    self.language = language
    self.scale = scale
    self.options = options
  }

  /// The labels of item `id` (with `options`) in the plugin's own language and each of
  /// `languages` (a survey's) that `framework` translates; the plugin's texts stand for a
  /// language it has no table for. Empty when that is one language: the item's own labels are
  /// read then.
  public static func of(item id: String, options: [Item.Option], in framework: Framework, languages: [String]) -> [ItemLabels] {
    var wanted: [String] = []
    for language in (framework.languages.prefix(1) + languages) where !wanted.contains(language) { wanted.append(language) }
    guard wanted.count > 1 else { return [] }
    return wanted.map { language in
      let local = framework.localized(to: language)
      let item = local.items.first { $0.id == id } ?? local.unscoredItems.first { $0.id == id }
      var labels = ItemLabels(
        language: language, scale: local.scale.labels,
        options: options.map { option in item?.options.first { $0.id == option.id }?.label ?? option.label })
      labels.text = item?.text ?? ""
      return labels
    }
  }
}
