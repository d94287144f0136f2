/// The texts of a plugin in several languages: what respondents and readers see (item texts,
/// option and scale labels, dimension names and advice, band labels), keyed by the field's
/// path (``Field``).
public struct Translations: Equatable, Sendable {
  /// The languages, the plugin's default first.
  public var languages: [String]
  /// Field path → language → text.
  public var texts: [String: [String: String]]
  /// The line of the `languages` declaration, for messages.
  public var line: Int?

  public init(languages: [String], texts: [String: [String: String]] = [:], line: Int? = nil) {
    self.languages = languages
    self.texts = texts
    self.line = line
  }

  /// The path of a translatable field.
  public enum Field {
    public static let name = "name"
    public static let description = "description"
    public static func scaleLabel(_ index: Int) -> String { "scale.labels.\(index)" }
    public static func dimension(_ id: String, _ field: String) -> String { "dimensions.\(id).\(field)" }
    public static func item(_ id: String) -> String { "items.\(id).text" }
    public static func option(_ item: String, _ option: String) -> String { "items.\(item).options.\(option).label" }
    public static func band(_ index: Int, _ field: String) -> String { "bands.\(index).\(field)" }
    public static func measure(_ id: String) -> String { "measures.\(id).name" }
    public static func theme(_ id: String) -> String { "themes.\(id).name" }
    public static let indexLabel = "index_label"
    public static let indexRule = "index_rule"
    public static let scoreRule = "score_rule"
  }

  /// The text of `path` in `language`, if the field is translated.
  public func text(_ path: String, in language: String) -> String? { texts[path]?[language] }
}

extension Framework {
  /// The languages the framework's texts are in (empty: one language, unnamed).
  public var languages: [String] { translations?.languages ?? [] }

  /// The framework with every translated text in `language`; itself when it has no texts in
  /// that language.
  public func localized(to language: String) -> Framework {
    guard let t = translations, t.languages.contains(language) else { return self }
    func pick(_ path: String, _ fallback: String) -> String { t.text(path, in: language) ?? fallback }
    var copy = self
    copy.name = pick(Translations.Field.name, name)
    copy.description = pick(Translations.Field.description, description)
    copy.scale.labels = scale.labels.enumerated().map { pick(Translations.Field.scaleLabel($0), $1) }
    copy.dimensions = dimensions.map { d in
      var d = d
      d.name = pick(Translations.Field.dimension(d.id, "name"), d.name)
      d.description = pick(Translations.Field.dimension(d.id, "description"), d.description)
      d.advice = d.advice.map { pick(Translations.Field.dimension(d.id, "advice"), $0) }
      return d
    }
    func localize(_ item: Item) -> Item {
      var item = item
      item.text = pick(Translations.Field.item(item.id), item.text)
      item.options = item.options.map { o in
        var o = o
        o.label = pick(Translations.Field.option(item.id, o.id), o.label)
        return o
      }
      return item
    }
    copy.items = items.map(localize)
    copy.unscoredItems = unscoredItems.map(localize)
    copy.measures = measures.map { m in
      var m = m
      m.name = pick(Translations.Field.measure(m.id), m.name)
      return m
    }
    copy.themes = themes.map { t in
      var t = t
      t.name = pick(Translations.Field.theme(t.id), t.name)
      return t
    }
    copy.declaredIndexLabel = declaredIndexLabel.map { pick(Translations.Field.indexLabel, $0) }
    copy.indexRuleText = indexRuleText.map { pick(Translations.Field.indexRule, $0) }
    copy.scoreRuleText = scoreRuleText.map { pick(Translations.Field.scoreRule, $0) }
    copy.bands = bands.enumerated().map { i, b in
      Band(
        min: b.min, label: pick(Translations.Field.band(i, "label"), b.label), advice: b.advice.map { pick(Translations.Field.band(i, "advice"), $0) }
      )
    }
    return copy
  }
}
