import Scoring
import Statistics
import SurveyModel

/// What `compare --baseline parent` compares each unit with: its parent unit's pooled
/// respondents (the whole line, the unit's own included), as the same anonymity decision
/// publishes the parent (`--by unit`: every unit of every level). A top unit's parent is the
/// organisation. Where the parent's number is withheld there is no difference, and it says so.
public struct ParentBaselines {
  /// Each published group's parent unit by name (nil: the organisation); see ``CutGroups/parents(keys:)``.
  public var parentOf: [String: String?]
  /// Every unit of every level, as the engine publishes them.
  public var units: [FrameworkResult]
  /// Their moments (``ComparisonCollector/grouped(by:)`` with the units' groups).
  public var collector: ComparisonCollector

  public init(parentOf: [String: String?], units: [FrameworkResult], collector: ComparisonCollector) {
    self.parentOf = parentOf
    self.units = units
    self.collector = collector
  }

  /// One group's baseline per dimension: the parent's summary where the parent's number is
  /// shown, else why there is none.
  func baseline(of group: String, framework f: Int, organisation: (result: TeamResult, moments: ComparisonCollector.FrameworkMoments))
    -> (summary: (Int) -> SampleSummary?, withheld: (Int) -> String?)
  {
    guard let entry = parentOf[group] else { return ({ _ in nil }, { _ in "no parent unit" }) }
    let parent: TeamResult?
    let moments: ComparisonCollector.FrameworkMoments?
    let label: String
    if let name = entry {
      parent = units[f].teams.first { $0.team == name }
      (moments, label) = (collector.moments(team: name, framework: f), "parent '\(name)'")
    } else {
      (parent, moments, label) = (organisation.result, organisation.moments, "the organisation")
    }
    let shows = { (d: Int) in
      guard let parent, parent.suppression == nil, d < parent.dimensions.count else { return false }
      return parent.dimensions[d].suppression == nil
    }
    return (
      { d in shows(d) ? moments?.scores.summary(d) : nil },
      { d in shows(d) ? nil : "no difference: \(label) withheld" }
    )
  }
}
