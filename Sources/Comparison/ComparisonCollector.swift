import Scoring
import Statistics

/// Folds each scored respondent into what a comparison needs beyond the engine's per-team
/// summaries: per team and framework, the pairwise moments of the dimension scores (for the
/// index interval and the tests) and, per dimension, the reliability moments of its items.
/// Memory grows with teams × items², never with respondents.
public final class ComparisonCollector: ScoredRowObserver {
  /// One team's accumulators for one framework.
  struct FrameworkMoments {
    var scores: PairwiseMoments
    var reliability: [ReliabilityAccumulator]

    mutating func merge(_ other: FrameworkMoments) {
      scores.merge(other.scores)
      for d in reliability.indices { reliability[d].merge(other.reliability[d]) }
    }
  }

  private let empty: [FrameworkMoments]
  /// Per framework, per dimension: the positions of its items among the framework's items.
  private let itemsOfDimension: [[[Int]]]
  private var teamIndex: [String: Int] = [:]
  /// [team][framework], mutated in place.
  private var storage: [[FrameworkMoments]] = []
  /// The whole organisation's moments when the stored groups overlap (see ``grouped(by:)``).
  private var organisationTotal: [FrameworkMoments]?
  private var answers: [Double] = []
  private var scoreValues: [Double] = []

  /// - Parameter plan: the plan the engine scores with.
  public init(plan: ScoringPlan) {
    var empty: [FrameworkMoments] = []
    var layout: [[[Int]]] = []
    for frameworkPlan in plan.frameworks {
      let framework = frameworkPlan.framework
      let shift = (framework.scale.min + framework.scale.max) / 2
      let groups = framework.dimensions.map { dimension in
        frameworkPlan.items.indices.filter { frameworkPlan.items[$0].dimension == dimension.id }
      }
      layout.append(groups)
      empty.append(
        FrameworkMoments(
          scores: PairwiseMoments(count: framework.dimensions.count, shift: shift),
          reliability: groups.map { ReliabilityAccumulator(items: $0.count, shift: shift) }))
    }
    self.empty = empty
    itemsOfDimension = layout
  }

  public func observe(team: String, framework: Int, keyed: UnsafeBufferPointer<Double>, scores: UnsafeBufferPointer<Double>) {
    let t = index(of: team)
    scoreValues.removeAll(keepingCapacity: true)
    scoreValues.append(contentsOf: scores)
    storage[t][framework].scores.add(scoreValues)
    for (d, items) in itemsOfDimension[framework].enumerated() where !items.isEmpty {
      answers.removeAll(keepingCapacity: true)
      for i in items { answers.append(keyed[i]) }
      storage[t][framework].reliability[d].add(answers)
    }
  }

  private func index(of team: String) -> Int {
    if let t = teamIndex[team] { return t }
    teamIndex[team] = storage.count
    storage.append(empty)
    return storage.count - 1
  }

  /// The item positions of each dimension of a framework.
  func items(framework: Int) -> [[Int]] { itemsOfDimension[framework] }

  /// The keys observed (teams, or teams with attribute values; see `AttributeKey`).
  public var keys: [String] { teamIndex.keys.sorted() }

  /// One team's moments for a framework.
  func moments(team: String, framework: Int) -> FrameworkMoments? { teamIndex[team].map { storage[$0][framework] } }

  /// The moments of the groups a cut run publishes (see ``CutGroups``), each merged from the
  /// moments of its atoms (the keys this collector observed), by the group's name; a team the
  /// run publishes as it is keeps its name. The organisation stays the whole organisation.
  public func grouped(by cuts: CutGroups) -> ComparisonCollector {
    let grouped = ComparisonCollector(empty: empty, itemsOfDimension: itemsOfDimension)
    grouped.organisationTotal = empty.indices.map { organisation(framework: $0) }
    for (key, t) in teamIndex.sorted(by: { $0.key < $1.key }) {
      let place = cuts.place(key)
      var names = place.groups.filter { cuts.groups[$0].published }.map { cuts.groups[$0].name }
      if cuts.publishedTeam(place.team) { names.append(place.team) }
      for name in Set(names) {
        let g = grouped.index(of: name)
        for f in empty.indices { grouped.storage[g][f].merge(storage[t][f]) }
      }
    }
    return grouped
  }

  private init(empty: [FrameworkMoments], itemsOfDimension: [[[Int]]]) {
    self.empty = empty
    self.itemsOfDimension = itemsOfDimension
  }

  /// The whole organisation's moments for a framework.
  func organisation(framework: Int) -> FrameworkMoments {
    if let organisationTotal { return organisationTotal[framework] }
    var total = empty[framework]
    for moments in storage { total.merge(moments[framework]) }
    return total
  }
}
