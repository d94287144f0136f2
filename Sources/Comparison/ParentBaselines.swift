import Scoring
import Statistics
import SurveyModel

/// What `compare --baseline parent` compares each unit with: its parent unit's respondents
/// *outside the unit* (the parent's whole line minus the unit's own line), as the same anonymity
/// decision publishes the parent (`--by unit`: every unit of every level). A top unit's parent is
/// the organisation (so its baseline is the rest of the organisation).
///
/// The parent minus the unit is a number this run publishes, so the anonymity engine decides
/// it too (see ``ParentComplement``): where the parent's number, or the parent minus the unit,
/// is withheld there is no difference, and the row says why.
public struct ParentBaselines {
  /// Each published group's parent unit by name (nil: the organisation); see ``CutGroups/parents(keys:)``.
  public var parentOf: [String: String?]
  /// Every unit of every level, as the engine publishes them.
  public var units: [FrameworkResult]
  /// Their moments (``ComparisonCollector/grouped(by:only:)`` with the units' groups).
  public var collector: ComparisonCollector
  /// The anonymity rules (the survey's).
  public var policy: PrivacyPolicy

  public init(parentOf: [String: String?], units: [FrameworkResult], collector: ComparisonCollector, policy: PrivacyPolicy) {
    self.parentOf = parentOf
    self.units = units
    self.collector = collector
    self.policy = policy
  }

  /// The parent's result for group `group` in framework `f` and its label (nil result: the
  /// group has no parent unit).
  private func parent(of group: String, framework f: Int, organisation: TeamResult) -> (result: TeamResult?, name: String?)? {
    guard let entry = parentOf[group] else { return nil }
    guard let name = entry else { return (organisation, nil) }
    return (units[f].teams.first(named: name), name)
  }

  /// The engine's decision about the parent minus `group` in framework `f` (nil: no parent unit).
  func complement(of group: TeamResult, framework f: Int, organisation: TeamResult) -> ParentComplement? {
    guard let (result, name) = parent(of: group.team, framework: f, organisation: organisation) else { return nil }
    return ParentComplement(unit: group, parent: result, parentName: name, framework: units[f], policy: policy)
  }

  /// One group's baseline per dimension: the parent's summary without the group's own
  /// respondents where the engine shows that, else why there is none.
  func baseline(
    of group: TeamResult, framework f: Int, own: ComparisonCollector.FrameworkMoments?,
    organisation: (result: TeamResult, moments: ComparisonCollector.FrameworkMoments)
  ) -> (summary: (Int) -> SampleSummary?, withheld: (Int) -> String?) {
    guard let complement = complement(of: group, framework: f, organisation: organisation.result) else {
      return ({ _ in nil }, { _ in "no parent unit" })
    }
    let moments = complement.parentName.map { collector.moments(team: $0, framework: f) } ?? organisation.moments
    return (
      { d in
        guard complement.shows(d), let own = own?.scores.summary(d) else { return nil }
        return moments?.scores.summary(d)?.removing(own)
      },
      { d in complement.reason(d) }
    )
  }

  /// The audit entries of every parent-minus-unit number the engine withholds for the shown
  /// groups of `results` (appended to the run's privacy audit).
  public func audit(results: [FrameworkResult]) -> [AuditEntry] {
    // Each team is made, read and dropped: a pack's results hold every unit and cell.
    var entries: [AuditEntry] = []
    for (f, result) in results.enumerated() {
      for team in result.teams where team.suppression == nil {
        entries += complement(of: team, framework: f, organisation: result.organisation)?.audit ?? []
      }
    }
    return entries
  }
}
