/// A per-respondent value that a framework declares (added within plugin API 1): a
/// respondent's own mean, one item's answer, the mean of some of their dimension scores, the
/// number of options they chose in a multi-select item, or a number of any range computed by
/// the `score` hook. Teams get its aggregates (mean, SD, sum,
/// count, the share at or above ``atLeast`` and at or below ``atMost``), which the `index` hook,
/// the named index rules and every report can use.
public struct Measure: Equatable, Sendable {
  /// Where a respondent's value comes from.
  public enum Source: Equatable, Sendable {
    /// The mean of every answered item in use (reverse-keyed); its pooled mean weighs each
    /// respondent by their answers.
    case allItems
    /// The answer to one item (reverse-keyed).
    case item(String)
    /// The mean of the respondent's scores on these dimensions (one: that dimension's score).
    case dimensions([String])
    /// Whatever the `score` hook returns under the measure's id.
    case hook
    /// The number of options the respondent chose in a multi-select item (0 to its options).
    case countOf(String)
  }

  public var id: String
  public var name: String
  public var source: Source
  /// The range of a respondent's value.
  public var min: Double
  public var max: Double
  /// Teams report the percentage of respondents whose value is at least this (e.g. 9 for
  /// promoters), when set.
  public var atLeast: Double?
  /// Teams report the percentage of respondents whose value is at most this (e.g. 6 for
  /// detractors), when set.
  public var atMost: Double?

  public init(id: String, name: String, source: Source, min: Double, max: Double, atLeast: Double? = nil, atMost: Double? = nil) {
    self.id = id
    self.name = name
    self.source = source
    self.min = min
    self.max = max
    self.atLeast = atLeast
    self.atMost = atMost
  }

}

/// A named, built-in index rule (added within plugin API 1), so that a published rule is one
/// line of a plugin: `index_by = { rule = "nps", item = "enps" }`.
public struct IndexDefinition: Equatable, Sendable {
  /// The built-in rules.
  public enum Rule: String, CaseIterable, Sendable {
    /// Mean over dimensions of the team's POMP, optionally weighted (0–100).
    case pompMean = "pomp_mean"
    /// POMP of the mean of every answer of the team, each answer counted once (0–100).
    case pooled
    /// Mean over respondents of their own value (on the measure's range).
    case personMean = "person_mean"
    /// Percentage of respondents whose value is at least the threshold (0–100).
    case sharePositive = "share_positive"
    /// Percentage at or above `at_least` minus percentage at or below `at_most` (−100 to 100).
    case nps
  }

  public var rule: Rule
  /// The measure the rule reads (every rule but `pomp_mean`).
  public var measure: String?
  /// For `pomp_mean`: the dimensions and their weights, in declaration order (empty: every
  /// dimension, weight 1).
  public var weights: [(dimension: String, weight: Double)]

  public init(rule: Rule, measure: String? = nil, weights: [(dimension: String, weight: Double)] = []) {
    self.rule = rule
    self.measure = measure
    self.weights = weights
  }

  public static func == (a: IndexDefinition, b: IndexDefinition) -> Bool {
    a.rule == b.rule && a.measure == b.measure && a.weights.map(\.dimension) == b.weights.map(\.dimension)
      && a.weights.map(\.weight) == b.weights.map(\.weight)
  }

  /// The index of a team from its dimension and measure results (nil when it cannot be made).
  public func index(dimensions: [DimensionScore], measures: [MeasureScore], of framework: Framework) -> Double? {
    switch rule {
    case .pompMean:
      let chosen = weights.isEmpty ? framework.dimensions.map { ($0.id, 1.0) } : weights.map { ($0.dimension, $0.weight) }
      var sum = 0.0
      var total = 0.0
      for (id, weight) in chosen {
        guard let pomp = dimensions.first(where: { $0.id == id })?.pomp else { continue }
        sum += weight * pomp
        total += weight
      }
      return total > 0 ? sum / total : nil
    case .pooled, .personMean, .sharePositive, .nps:
      guard let id = measure, let m = measures.first(where: { $0.id == id }),
        let info = framework.measures.first(where: { $0.id == id })
      else { return nil }
      switch rule {
      case .pooled: return m.pooled.map { ($0 - info.min) / (info.max - info.min) * 100 }
      case .personMean: return m.mean
      case .sharePositive: return m.atLeast
      default: return m.atLeast.flatMap { high in m.atMost.map { high - $0 } }
      }
    }
  }

}

/// The id and name of a measure, in report order (its rule: ``ScoringRules/measures``).
public struct MeasureInfo: Equatable, Sendable {
  public var id: String
  public var name: String
  public init(id: String, name: String) {
    self.id = id
    self.name = name
  }
}

/// A team's aggregates of one measure (only `n` when withheld).
public struct MeasureScore: Equatable, Sendable {
  public var id: String
  /// Respondents with a value.
  public var n: Int
  public var mean: Double?
  /// Sample standard deviation (n − 1).
  public var sd: Double?
  public var sum: Double?
  /// Percentage of respondents with a value at or above the measure's `at_least`.
  public var atLeast: Double?
  /// Percentage of respondents with a value at or below the measure's `at_most`.
  public var atMost: Double?
  /// For a measure of all items: the mean of every answer, each counted once.
  public var pooled: Double?
  /// Why the numbers are withheld, or nil.
  public var suppression: Suppression?

  public init(
    id: String, n: Int, mean: Double? = nil, sd: Double? = nil, sum: Double? = nil, atLeast: Double? = nil,
    atMost: Double? = nil, pooled: Double? = nil, suppression: Suppression? = nil
  ) {
    self.id = id
    self.n = n
    self.mean = mean
    self.sd = sd
    self.sum = sum
    self.atLeast = atLeast
    self.atMost = atMost
    self.pooled = pooled
    self.suppression = suppression
  }
}
