/// What a framework declares about how it scores, as facts: the index rule or hook, the
/// missing-data rule with each dimension's minimum, favourability, the measures. Reports state
/// them in the reader's language (`Reports/Rules/RuleSentences`); nothing here is a sentence.
public struct ScoringRules: Equatable, Sendable {
  public var scale: Scale
  /// The named built-in index rule, when the plugin gives `index_by`.
  public var index: IndexDefinition?
  /// Whether the plugin's `index(team)` hook computes the index, and its `index_rule` text.
  public var indexHook: Bool
  public var indexHookText: String?
  /// Whether the plugin's `score(respondent)` hook may replace scores, and its `score_rule` text.
  public var scoreHook: Bool
  public var scoreHookText: String?
  /// The framework's `min_answered`, and the dimensions with a minimum of their own.
  public var minimumAnswered: Int
  public var dimensionMinimums: [DimensionMinimum]
  /// Whether every dimension has a minimum of its own (the framework's is then never used).
  public var everyDimensionHasMinimum: Bool
  /// Whether some items, or every item, are a choice among scored options.
  public var hasChoiceItems: Bool
  public var allItemsChoice: Bool
  /// Whether some item counts in several dimensions.
  public var hasSharedItems: Bool
  /// Dimensions that no item scores (the `score` hook alone gives them).
  public var hookOnlyDimensions: [String]
  /// The per-respondent measures, in declaration order.
  public var measures: [Measure]

  /// A dimension with its own minimum of answered items.
  public struct DimensionMinimum: Equatable, Sendable {
    public var dimension: String
    public var minimum: MinimumAnswered
    public init(dimension: String, minimum: MinimumAnswered) {
      self.dimension = dimension
      self.minimum = minimum
    }
  }

  public init(
    scale: Scale, index: IndexDefinition? = nil, indexHook: Bool = false, indexHookText: String? = nil, scoreHook: Bool = false,
    scoreHookText: String? = nil, minimumAnswered: Int = 1, dimensionMinimums: [DimensionMinimum] = [],
    everyDimensionHasMinimum: Bool = false, hasChoiceItems: Bool = false, allItemsChoice: Bool = false, hasSharedItems: Bool = false,
    hookOnlyDimensions: [String] = [], measures: [Measure] = []
  ) {
    self.scale = scale
    self.index = index
    self.indexHook = indexHook
    self.indexHookText = indexHookText
    self.scoreHook = scoreHook
    self.scoreHookText = scoreHookText
    self.minimumAnswered = minimumAnswered
    self.dimensionMinimums = dimensionMinimums
    self.everyDimensionHasMinimum = everyDimensionHasMinimum
    self.hasChoiceItems = hasChoiceItems
    self.allItemsChoice = allItemsChoice
    self.hasSharedItems = hasSharedItems
    self.hookOnlyDimensions = hookOnlyDimensions
    self.measures = measures
  }

  /// The measure the index rule reads, if any.
  public var indexMeasure: Measure? { measures.first { $0.id == index?.measure } }

  /// Every piece of text that came from a plugin passed through `f` (see `SafeReport`).
  public func mapText(_ f: (String) -> String) -> ScoringRules {
    var x = self
    x.indexHookText = indexHookText.map(f)
    x.scoreHookText = scoreHookText.map(f)
    x.dimensionMinimums = dimensionMinimums.map { DimensionMinimum(dimension: f($0.dimension), minimum: $0.minimum) }
    x.hookOnlyDimensions = hookOnlyDimensions.map(f)
    x.measures = measures.map { $0.mapText(f) }
    x.index = index.map { i in
      IndexDefinition(rule: i.rule, measure: i.measure.map(f), weights: i.weights.map { (f($0.dimension), $0.weight) })
    }
    return x
  }
}

extension Measure {
  /// The measure with its ids and name passed through `f`.
  public func mapText(_ f: (String) -> String) -> Measure {
    var x = self
    (x.id, x.name) = (f(id), f(name))
    switch source {
    case .item(let item): x.source = .item(f(item))
    case .dimensions(let ids): x.source = .dimensions(ids.map(f))
    case .countOf(let item): x.source = .countOf(f(item))
    case .allItems, .hook: break
    }
    return x
  }
}

extension Framework {
  /// What the framework declares about how it scores (see ``ScoringRules``).
  public var scoringRules: ScoringRules {
    ScoringRules(
      scale: scale, index: indexDefinition, indexHook: hooks.contains(.index), indexHookText: indexRuleText,
      scoreHook: hooks.contains(.score), scoreHookText: scoreRuleText, minimumAnswered: minimumAnswered,
      dimensionMinimums: dimensions.compactMap { d in d.minimumAnswered.map { .init(dimension: d.id, minimum: $0) } },
      everyDimensionHasMinimum: dimensions.allSatisfy { $0.minimumAnswered != nil }, hasChoiceItems: hasChoiceItems,
      allItemsChoice: items.allSatisfy(\.isChoice), hasSharedItems: items.contains { !$0.otherDimensions.isEmpty },
      hookOnlyDimensions: dimensions.filter { d in !items.contains { $0.allDimensions.contains(d.id) } }.map(\.id),
      measures: measures)
  }
}
