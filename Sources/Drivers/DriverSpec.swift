import Scoring
import SurveyModel

/// What a driver analysis relates: one outcome and the candidate drivers, all within one
/// framework of the survey, with where each value comes from in a scored respondent.
public struct DriverSpec: Sendable {
  /// Where a value is read from a scored respondent.
  enum Source: Sendable {
    /// The reverse-keyed answer at this position of the framework's items.
    case item(Int)
    /// The dimension score at this position of the framework's dimensions.
    case dimension(Int)
    /// The respondent's own index: the mean POMP of all their dimension scores.
    case index
  }

  /// The framework's position in the scoring plan.
  public let framework: Int
  public let outcome: DriverTarget
  public let drivers: [DriverTarget]
  /// The dimensions whose numbers the analysis rests on (of the outcome and every driver):
  /// a group shows its own drivers only when each of them is shown for it.
  public let dimensionsUsed: Set<String>
  let outcomeSource: Source
  let driverSources: [Source]
  let scale: Scale
  let dimensionCount: Int

  /// Why a driver analysis cannot be set up (exit status 64: the command was asked wrongly).
  public struct Problem: Diagnostic, Equatable {
    public var message: String
    public var hint: String?
    public var exitStatus: ExitStatus { .usage }
    public var description: String { DiagnosticText.render(message: message, hint: hint) }
  }

  /// Resolves `outcome` (an item id, a dimension id, or `index`) in the plan.
  ///
  /// Drivers are the framework's dimensions (or, with `items`, its items), less the outcome
  /// itself and what overlaps it: as dimension drivers, the dimension holding an outcome item;
  /// as item drivers, the items of an outcome dimension.
  /// - Parameter framework: the framework id, needed only when several frameworks are scored.
  /// - Throws: ``Problem`` for an unknown outcome or framework, or fewer than two drivers.
  public init(plan: ScoringPlan, outcome: String, framework frameworkID: String? = nil, items useItems: Bool) throws {
    let candidates = plan.frameworks.indices.filter { frameworkID == nil || plan.frameworks[$0].framework.id == frameworkID }
    if let frameworkID, candidates.isEmpty {
      throw Problem(
        message: "the survey does not use a framework '\(frameworkID)'",
        hint: "use one of: \(plan.frameworks.map(\.framework.id).joined(separator: ", "))")
    }
    func matches(_ f: Int) -> Bool {
      let p = plan.frameworks[f]
      return outcome == "index" || p.items.contains { $0.id == outcome } || p.framework.dimensions.contains { $0.id == outcome }
    }
    let found = candidates.filter(matches)
    guard let f = found.first else {
      let known = candidates.flatMap { plan.frameworks[$0].framework.dimensions.map(\.id) + plan.frameworks[$0].items.map(\.id) }
      throw Problem(
        message: "unknown outcome '\(outcome)'",
        hint: Suggestion.closest(to: outcome, in: known).map { "did you mean '\($0)'?" }
          ?? "give an item id, a dimension id or 'index'")
    }
    if found.count > 1 {
      throw Problem(
        message: "outcome '\(outcome)' is in several frameworks",
        hint: "choose one with --framework (\(found.map { plan.frameworks[$0].framework.id }.joined(separator: ", ")))")
    }
    let p = plan.frameworks[f]
    let dimensions = p.framework.dimensions
    framework = f
    scale = p.framework.scale
    dimensionCount = dimensions.count
    let itemTargets = p.items.enumerated().map { (DriverTarget(kind: .item, id: $1.id, name: $1.text), Source.item($0), $1.dimension) }
    let dimensionTargets = dimensions.enumerated().map { (DriverTarget(kind: .dimension, id: $1.id, name: $1.name), Source.dimension($0), $1.id) }
    var excludedDimension: String? = nil
    if outcome == "index" {
      self.outcome = DriverTarget(kind: .index, id: "index", name: "\(p.framework.name) index")
      outcomeSource = .index
    } else if let item = itemTargets.first(where: { $0.0.id == outcome }) {
      self.outcome = item.0
      outcomeSource = item.1
      excludedDimension = item.2
    } else {
      let dimension = dimensionTargets.first { $0.0.id == outcome }!
      self.outcome = dimension.0
      outcomeSource = dimension.1
      excludedDimension = dimension.2
    }
    let outcomeKind = self.outcome.kind
    let chosen =
      useItems
      ? itemTargets.filter { $0.0.id != outcome && !(outcomeKind == .dimension && $0.2 == excludedDimension) }
      : dimensionTargets.filter { $0.2 != excludedDimension }
    drivers = chosen.map(\.0)
    driverSources = chosen.map(\.1)
    dimensionsUsed = self.outcome.kind == .index ? Set(dimensions.map(\.id)) : Set([excludedDimension].compactMap { $0 } + chosen.map(\.2))
    guard drivers.count >= 2 else {
      throw Problem(
        message: "only \(drivers.count) candidate driver\(drivers.count == 1 ? "" : "s") for outcome '\(outcome)'",
        hint: useItems ? "a driver analysis needs at least two" : "try --items to use the items as drivers")
    }
  }

  /// The outcome and driver values of one scored respondent (NaN = missing).
  func values(keyed: UnsafeBufferPointer<Double>, scores: UnsafeBufferPointer<Double>, into row: inout [Double]) {
    row.removeAll(keepingCapacity: true)
    row.append(value(outcomeSource, keyed, scores))
    for source in driverSources { row.append(value(source, keyed, scores)) }
  }

  private func value(_ source: Source, _ keyed: UnsafeBufferPointer<Double>, _ scores: UnsafeBufferPointer<Double>) -> Double {
    switch source {
    case .item(let i): return keyed[i]
    case .dimension(let d): return scores[d]
    case .index:
      var total = 0.0
      for d in 0..<dimensionCount {
        guard !scores[d].isNaN else { return .nan }
        total += scale.pomp(scores[d])
      }
      return total / Double(dimensionCount)
    }
  }
}
