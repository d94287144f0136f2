import Scoring
import Statistics

/// Folds each scored respondent into what a comparison needs beyond the engine's per-team
/// summaries: per team and framework, the pairwise moments of the dimension scores (for the
/// index interval and the tests) and, per dimension, the reliability moments of its items.
/// Memory grows with teams × items², never with respondents: a team keeps its rows as they
/// came while they take less room than its moments would (most groups of a cut run hold one or
/// two people), and its moments from then on.
public final class ComparisonCollector: ScoredRowObserver {
  /// One team's accumulators for one framework.
  struct FrameworkMoments {
    var scores: PairwiseMoments
    var reliability: [ReliabilityAccumulator]

    mutating func merge(_ other: FrameworkMoments) {
      scores.merge(other.scores)
      for d in reliability.indices { reliability[d].merge(other.reliability[d]) }
    }

    mutating func reset() {
      scores.reset()
      for d in reliability.indices { reliability[d].reset() }
    }
  }

  /// One team's observations of one framework: its rows (scores, then keyed answers) until
  /// they would take more room than the moments, then the moments. Folding the kept rows in
  /// order gives the moments, to the bit, that folding each row as it came would have.
  struct Observations {
    var rows: [Double] = []
    var moments: FrameworkMoments?

    /// Adds another team's moments (`empty`: the framework's moments before any row).
    mutating func merge(_ other: FrameworkMoments, empty: FrameworkMoments) {
      if moments == nil { moments = empty }
      moments!.merge(other)
    }
  }

  private let empty: [FrameworkMoments]
  /// Per framework, per dimension: the positions of its items among the framework's items.
  private let itemsOfDimension: [[[Int]]]
  /// Per framework: the values of one kept row (dimensions + items), and how many values a
  /// team keeps as rows before it folds them into moments (the moments' own size).
  private let rowWidth: [Int]
  private let rowsLimit: [Int]
  private var teamIndex: [String: Int] = [:]
  /// [team][framework], mutated in place.
  private var storage: [[Observations]] = []
  /// The whole organisation's moments when the stored groups overlap (see ``grouped(by:only:)``).
  private var organisationTotal: [FrameworkMoments]?
  private var answers: [Double] = []
  private var scoreValues: [Double] = []
  /// Per framework: moments reused to fold a team's kept rows (``withMoments(_:framework:_:)``).
  private var scratch: [FrameworkMoments] = []

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
    rowWidth = plan.frameworks.map { $0.framework.dimensions.count + $0.items.count }
    rowsLimit = empty.map { $0.scores.valueCount + $0.reliability.reduce(0) { $0 + $1.valueCount } }
  }

  public func observe(team: String, framework: Int, keyed: UnsafeBufferPointer<Double>, scores: UnsafeBufferPointer<Double>) {
    let t = index(of: team)
    if storage[t][framework].moments == nil {
      if storage[t][framework].rows.count + rowWidth[framework] <= rowsLimit[framework] {
        storage[t][framework].rows.append(contentsOf: scores)
        storage[t][framework].rows.append(contentsOf: keyed)
        return
      }
      storage[t][framework].moments = folded(storage[t][framework], framework: framework)
      storage[t][framework].rows = []
    }
    fold(keyed: keyed, scores: scores, into: &storage[t][framework].moments!, framework: framework)
  }

  /// Folds one respondent into moments.
  private func fold(
    keyed: UnsafeBufferPointer<Double>, scores: UnsafeBufferPointer<Double>, into moments: inout FrameworkMoments, framework: Int
  ) {
    scoreValues.removeAll(keepingCapacity: true)
    scoreValues.append(contentsOf: scores)
    moments.scores.add(scoreValues)
    for (d, items) in itemsOfDimension[framework].enumerated() where !items.isEmpty {
      answers.removeAll(keepingCapacity: true)
      for i in items { answers.append(keyed[i]) }
      moments.reliability[d].add(answers)
    }
  }

  /// A team's moments: its own, with the rows it still keeps folded in, in order.
  private func folded(_ observations: Observations, framework f: Int) -> FrameworkMoments {
    var moments = observations.moments ?? empty[f]
    fold(rows: observations.rows, into: &moments, framework: f)
    return moments
  }

  /// Calls `body` with a team's moments: its own, or its kept rows folded in order into
  /// scratch moments, so that reading every team allocates nothing per team.
  private func withMoments<R>(_ observations: Observations, framework f: Int, _ body: (FrameworkMoments) -> R) -> R {
    if let moments = observations.moments { return body(moments) }
    if scratch.isEmpty { scratch = empty }
    scratch[f].reset()
    fold(rows: observations.rows, into: &scratch[f], framework: f)
    return body(scratch[f])
  }

  /// Folds kept rows (scores, then keyed answers, one row after another) in order.
  private func fold(rows: [Double], into moments: inout FrameworkMoments, framework f: Int) {
    let width = rowWidth[f]
    let dimensions = empty[f].scores.count
    rows.withUnsafeBufferPointer { rows in
      for start in stride(from: 0, to: rows.count, by: width) {
        let scores = UnsafeBufferPointer(rebasing: rows[start..<start + dimensions])
        let keyed = UnsafeBufferPointer(rebasing: rows[start + dimensions..<start + width])
        fold(keyed: keyed, scores: scores, into: &moments, framework: f)
      }
    }
  }

  private func index(of team: String) -> Int {
    if let t = teamIndex[team] { return t }
    teamIndex[team] = storage.count
    storage.append(Array(repeating: Observations(), count: empty.count))
    return storage.count - 1
  }

  /// The item positions of each dimension of a framework.
  func items(framework: Int) -> [[Int]] { itemsOfDimension[framework] }

  /// The keys observed (teams, or teams with attribute values; see `AttributeKey`).
  public var keys: [String] { teamIndex.keys.sorted() }

  /// One team's moments for a framework.
  func moments(team: String, framework: Int) -> FrameworkMoments? { teamIndex[team].map { folded(storage[$0][framework], framework: framework) } }

  /// The moments of the groups a cut run publishes (see ``CutGroups``), each merged from the
  /// moments of its atoms (the keys this collector observed), by the group's name; a team the
  /// run publishes as it is keeps its name. The organisation stays the whole organisation.
  /// - Parameter only: the names of the groups to keep (nil: every published group).
  public func grouped(by cuts: CutGroups, only: Set<String>? = nil) -> ComparisonCollector {
    let grouped = ComparisonCollector(copying: self)
    grouped.organisationTotal = empty.indices.map { organisation(framework: $0) }
    for (key, t) in teamIndex.sorted(by: { $0.key < $1.key }) {
      let place = cuts.place(key)
      var names = place.groups.filter { cuts.groups[$0].published }.map { cuts.groups[$0].name }
      if cuts.publishedTeam(place.team) { names.append(place.team) }
      if let only { names.removeAll { !only.contains($0) } }
      guard !names.isEmpty else { continue }
      let groups = Set(names).map { grouped.index(of: $0) }
      for f in empty.indices {
        withMoments(storage[t][f], framework: f) { own in
          for g in groups { grouped.storage[g][f].merge(own, empty: empty[f]) }
        }
      }
    }
    return grouped
  }

  /// An empty collector for the same frameworks as `other`.
  private init(copying other: ComparisonCollector) {
    empty = other.empty
    itemsOfDimension = other.itemsOfDimension
    rowWidth = other.rowWidth
    rowsLimit = other.rowsLimit
  }

  /// The whole organisation's moments for a framework.
  func organisation(framework: Int) -> FrameworkMoments {
    if let organisationTotal { return organisationTotal[framework] }
    var total = empty[framework]
    for observations in storage { withMoments(observations[framework], framework: framework) { total.merge($0) } }
    return total
  }
}
