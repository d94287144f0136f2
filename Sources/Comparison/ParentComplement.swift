import Scoring
import SurveyModel

/// The anonymity engine's decision about a unit's parent minus the unit (the baseline of
/// `compare --baseline parent`): a group of its own, decided against the parent's and the
/// unit's published decisions (both fixed), so it is shown per dimension only where the
/// engine's rules allow it (at least the minimum group size behind the number).
struct ParentComplement {
  /// The parent's name (nil: the organisation).
  let parentName: String?
  private let label: String
  private let parentShows: [Bool]
  private let respondents: Int
  private let disclosure: Disclosure?

  init(unit: TeamResult, parent: TeamResult?, parentName: String?, framework: FrameworkResult, policy: PrivacyPolicy) {
    self.parentName = parentName
    label = parentName.map { "parent '\($0)'" } ?? "the organisation"
    let width = framework.dimensions.count
    let shown = { (team: TeamResult?) in
      (0..<width).map { d in
        guard let team, team.suppression == nil, d < team.dimensions.count else { return false }
        return team.dimensions[d].suppression == nil
      }
    }
    parentShows = shown(parent)
    guard let parent, parent.suppression == nil, unit.dimensions.count == width, parent.dimensions.count == width else {
      respondents = 0
      disclosure = nil
      return
    }
    respondents = parent.n - unit.n
    // Two atoms: the unit and the rest of its parent; the parent is the population's whole.
    let points = framework.dimensions.map { Population.DataPoint(name: $0.id, framework: 0) }
    let atoms = [
      Population.Atom(respondents: unit.n, counts: unit.dimensions.map(\.n)),
      Population.Atom(respondents: max(0, respondents), counts: (0..<width).map { max(0, parent.dimensions[$0].n - unit.dimensions[$0].n) }),
    ]
    var population = Population(dataPoints: points, atoms: atoms, organisation: parent.team, organisationFixed: parentShows)
    population.add(.init(cut: "unit", name: unit.team, atoms: [0], fixed: shown(unit)))
    population.add(.init(cut: "parent baseline", name: "\(parentName ?? parent.team) without \(unit.team)", atoms: [1]))
    disclosure = AnonymityEngine.decide(population, policy: policy)
  }

  /// Whether dimension `d` of the parent minus the unit may be used.
  func shows(_ d: Int) -> Bool { reason(d) == nil }

  /// Why there is no difference on dimension `d`, or nil.
  func reason(_ d: Int) -> String? {
    guard d < parentShows.count, parentShows[d], let disclosure else { return "no difference: \(label) withheld" }
    if respondents <= 0 { return "no difference: \(label) has no respondents outside the unit" }
    guard let rule = disclosure.withheld(2, dataPoint: d) else { return nil }
    return "no difference: \(label) without this unit withheld (\(rule.words))"
  }

  /// What the engine withheld of the parent minus the unit (nothing when the parent itself is
  /// withheld or holds no one else).
  var audit: [AuditEntry] {
    guard let disclosure, respondents > 0 else { return [] }
    return disclosure.audit.filter { $0.cut == "parent baseline" }
  }
}
