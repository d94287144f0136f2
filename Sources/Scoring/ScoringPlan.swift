import SurveyModel

/// How to score one framework: which value slots hold its items, their keys and dimensions.
public struct FrameworkPlan: Sendable {
  public let framework: Framework
  /// The items in use (all of the framework's, or the survey's subset), in framework order.
  public let items: [Item]
  /// For each item in use: its value slot, dimension index and whether it is reverse-keyed.
  let slots: [Int]
  let dimensionOfItem: [Int]
  let reverse: [Bool]
  /// For each dimension: the indices (in `items`) of its items.
  let itemsOfDimension: [[Int]]
  /// Items that count in more than their first dimension: (item index, further dimension).
  let extraMemberships: [(item: Int, dimension: Int)]
  /// Where this framework's totals start among all frameworks' totals: its dimensions, then
  /// its measures.
  let dimensionOffset: Int
  /// The value slot of each multi-select item a measure counts (`count_of`), or that the
  /// `score` hook may read in `respondent.counts`, by item id.
  var countedSlots: [String: Int] = [:]

  /// Dimensions and measures: the framework's totals per team.
  var slotCount: Int { framework.dimensions.count + framework.measures.count }
}

/// The compiled plan for a survey: the item slots of a response row and, per framework, how to
/// turn them into dimension scores.
public struct ScoringPlan: Sendable {
  /// The item id held by each value slot of a ``ResponseRow``.
  public let slots: [String]
  public let frameworks: [FrameworkPlan]
  /// The multi-select items whose number of options chosen a measure counts or a `score` hook
  /// may read (``Framework/countedItems``): their slots follow every scored item's, in this
  /// order, and hold the bit set of the options chosen.
  public let counted: [Item]

  /// Builds the plan. `uses` pairs each framework with the ids of the items the survey uses
  /// (nil = all). Item ids must be unique across the survey.
  public init(uses: [(framework: Framework, items: [String]?)]) {
    var slots: [String] = []
    var plans: [FrameworkPlan] = []
    var offset = 0
    for (framework, subset) in uses {
      let wanted = subset.map(Set.init)
      let items = framework.items.filter { wanted?.contains($0.id) ?? true }
      let dimensionIndex = Dictionary(uniqueKeysWithValues: framework.dimensions.enumerated().map { ($1.id, $0) })
      var itemSlots: [Int] = []
      for item in items {
        itemSlots.append(slots.count)
        slots.append(item.id)
      }
      let dimensionOfItem = items.map { dimensionIndex[$0.dimension] ?? 0 }
      let extra = items.enumerated().flatMap { i, item in item.otherDimensions.compactMap { dimensionIndex[$0] }.map { (item: i, dimension: $0) } }
      plans.append(
        FrameworkPlan(
          framework: framework, items: items, slots: itemSlots, dimensionOfItem: dimensionOfItem,
          reverse: items.map(\.reverse),
          itemsOfDimension: framework.dimensions.indices.map { d in
            items.indices.filter { i in dimensionOfItem[i] == d || extra.contains { $0.item == i && $0.dimension == d } }
          },
          extraMemberships: extra,
          dimensionOffset: offset))
      offset += framework.dimensions.count + framework.measures.count
    }
    // Multi-select items counted by a measure (`count_of`) or read by the score hook, when the
    // survey uses them.
    var counted: [Item] = []
    for (f, (framework, subset)) in uses.enumerated() {
      for id in framework.countedItems {
        guard subset?.contains(id) ?? true, plans[f].countedSlots[id] == nil, let item = framework.unscoredItems.first(where: { $0.id == id })
        else { continue }
        plans[f].countedSlots[id] = slots.count
        slots.append(id)
        counted.append(item)
      }
    }
    self.counted = counted
    self.slots = slots
    self.frameworks = plans
    dimensionCount = offset
  }

  /// The totals per team of all frameworks together: every dimension and measure.
  public let dimensionCount: Int
}
