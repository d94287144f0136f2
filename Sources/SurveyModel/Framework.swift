/// A culture framework as declared by a plugin: what it measures and how to score it.
public struct Framework: Equatable, Sendable {
  public var id: String
  public var name: String
  public var version: String
  public var description: String
  /// The citation of the original work.
  public var source: String
  public var scale: Scale
  public var dimensions: [Dimension]
  public var items: [Item]
  /// Interpretation bands of the index, lowest first.
  public var bands: [Band]
  /// The minimum number of answered items for a respondent to get a dimension score.
  public var minimumAnswered: Int
  /// Which optional hooks the plugin provides.
  public var hooks: Hooks
  /// How the plugin's `index` hook computes the index, in the author's words.
  public var indexRuleText: String?
  /// Where the framework comes from (the plugin file), for messages.
  public var origin: String
  /// The texts in other languages, when the plugin's texts are tables of languages.
  public var translations: Translations?
  /// Per-respondent values the framework declares (see ``Measure``).
  public var measures: [Measure] = []
  /// The named built-in index rule, when the plugin gives `index_by`.
  public var indexDefinition: IndexDefinition?
  /// The index's name and range as the plugin declares them (`index_label`, `index_range`);
  /// nil: the rule's own (see ``indexLabel`` and ``indexRange``).
  public var declaredIndexLabel: String?
  public var declaredIndexRange: ClosedRange<Double>?
  /// How the plugin's `score` hook scores, in the author's words (`score_rule`).
  public var scoreRuleText: String?
  /// Items that no dimension scores: comments (`type = "text"`) and multi-selects
  /// (`type = "multi"`), in declaration order.
  public var unscoredItems: [Item] = []
  /// The themes comments are counted under (keyword lists, or the `classify` hook).
  public var themes: [Theme] = []

  /// The optional hooks a plugin may define.
  public struct Hooks: OptionSet, Equatable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `score(respondent)`: overrides one respondent's dimension scores.
    public static let score = Hooks(rawValue: 1)
    /// `index(team)`: computes a team's index from its dimension results.
    public static let index = Hooks(rawValue: 2)
    /// `band(index, team_name, team)`: interprets a team's index.
    public static let band = Hooks(rawValue: 4)
    /// `classify(comment)`: the theme ids of one comment.
    public static let classify = Hooks(rawValue: 8)
  }

  public init(
    id: String, name: String, version: String, description: String, source: String, scale: Scale,
    dimensions: [Dimension], items: [Item], bands: [Band] = [], minimumAnswered: Int = 1,
    hooks: Hooks = [], indexRuleText: String? = nil, origin: String = "", translations: Translations? = nil
  ) {
    self.translations = translations
    self.id = id
    self.name = name
    self.version = version
    self.description = description
    self.source = source
    self.scale = scale
    self.dimensions = dimensions
    self.items = items
    self.bands = bands
    self.minimumAnswered = minimumAnswered
    self.hooks = hooks
    self.indexRuleText = indexRuleText
    self.origin = origin
  }

  /// Whether any item is a choice among scored options.
  public var hasChoiceItems: Bool { items.contains(where: \.isChoice) }

  /// The band whose range holds `index`, if any.
  public func band(for index: Double) -> Band? {
    bands.last { index >= $0.min }
  }
}

/// One dimension (subscale) of a framework.
public struct Dimension: Equatable, Sendable {
  public var id: String
  public var name: String
  public var description: String
  /// What a team can do when it scores low on this dimension.
  public var advice: String?
  /// Below this POMP (0–100) the advice is shown (default 50; `-infinity` when only
  /// ``adviceAbove`` applies).
  public var adviceBelow: Double
  /// Above this POMP the advice is shown, for dimensions where a high score is the problem
  /// (the strength of a blocker, say). Nil: never.
  public var adviceAbove: Double?
  /// A published reference value on 0–100 (e.g. a benchmark median) that reports compare the
  /// team's POMP with.
  public var benchmark: Double?
  /// The answered items a respondent needs in this dimension, when it differs from the
  /// framework's `min_answered`.
  public var minimumAnswered: MinimumAnswered?

  public init(
    id: String, name: String, description: String = "", advice: String? = nil, adviceBelow: Double = 50,
    adviceAbove: Double? = nil, benchmark: Double? = nil
  ) {
    self.id = id
    self.name = name
    self.description = description
    self.advice = advice
    self.adviceBelow = adviceBelow
    self.adviceAbove = adviceAbove
    self.benchmark = benchmark
  }

  /// Whether a team with this POMP gets the dimension's advice: below ``adviceBelow`` or
  /// above ``adviceAbove``.
  public func adviceApplies(toPOMP pomp: Double) -> Bool {
    pomp < adviceBelow || adviceAbove.map { pomp > $0 } ?? false
  }
}

/// One survey item (question) of a framework: a rating on the framework's scale or, when it
/// has ``options``, a choice among scored options.
public struct Item: Equatable, Sendable {
  public var id: String
  public var text: String
  public var dimension: String
  /// Further dimensions the item also counts in (its `dimension` lists several ids).
  public var otherDimensions: [String] = []
  /// Whether the item is reverse-keyed (agreement means a weaker culture). Never for a choice.
  public var reverse: Bool
  /// The options of a choice item, in the order shown; empty for a rating item.
  public var options: [Option]
  /// What answers the item: a rating or choice (scored), several options, or free text.
  public var kind: Kind = .scored

  /// What kind of answer an item takes.
  public enum Kind: String, Equatable, Sendable {
    /// A point of the scale, or one option counted as its score.
    case scored
    /// Any number of its options (`type = "multi"`); never scored by a dimension.
    case multi
    /// A comment in the respondent's words (`type = "text"`); never scored.
    case text
  }

  /// One option of a choice item: what a response file may hold (its id or its label, in any
  /// case) and the score it counts as, a point of the framework's scale.
  public struct Option: Equatable, Sendable {
    public var id: String
    public var label: String
    public var score: Double

    public init(id: String, label: String, score: Double) {
      self.id = id
      self.label = label
      self.score = score
    }

    /// The form in which an id, a label or a response cell is compared: lowercased, without
    /// surrounding spaces and tabs.
    public static func matchKey(_ text: some StringProtocol) -> String {
      var s = Substring(text)
      while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
      while let c = s.last, c == " " || c == "\t" { s.removeLast() }
      return s.lowercased()
    }
  }

  public init(id: String, text: String, dimension: String, reverse: Bool = false, options: [Option] = [], kind: Kind = .scored) {
    self.id = id
    self.text = text
    self.dimension = dimension
    self.reverse = reverse
    self.options = options
    self.kind = kind
  }

  /// Whether the item is a choice among scored options.
  public var isChoice: Bool { kind == .scored && !options.isEmpty }

  /// Every dimension the item counts in, its first one first.
  public var allDimensions: [String] { [dimension] + otherDimensions }
}

/// An interpretation band of the index: applies from `min` up to the next band's `min`.
public struct Band: Equatable, Sendable, Codable {
  public var min: Double
  public var label: String
  public var advice: String?

  public init(min: Double, label: String, advice: String? = nil) {
    self.min = min
    self.label = label
    self.advice = advice
  }
}

/// A theme comments may be counted under: matched by keywords or named by the plugin's
/// `classify(comment)` hook.
public struct Theme: Equatable, Sendable {
  public var id: String
  public var name: String
  /// Lowercased words or phrases; a comment containing one (as a whole word) is in the theme.
  public var keywords: [String]

  public init(id: String, name: String, keywords: [String] = []) {
    self.id = id
    self.name = name
    self.keywords = keywords
  }
}

extension Theme {
  /// Text as keywords and comments are matched: lowercased, every run of characters other
  /// than letters and digits one space, with a space at each end (so " time " matches the
  /// whole word only).
  public static func normalized(_ text: String) -> String {
    var out = ""
    var gap = false
    for c in text.lowercased() {
      if c.isLetter || c.isNumber {
        if gap, !out.isEmpty { out.append(" ") }
        out.append(c)
        gap = false
      } else {
        gap = true
      }
    }
    return out
  }

  /// Whether `comment` (already ``normalized(_:)``) holds one of the theme's keywords as whole words.
  public func matches(normalizedComment comment: String) -> Bool {
    let padded = " " + comment + " "
    return keywords.contains { padded.contains(" " + $0 + " ") }
  }
}
