import Privacy
import SurveyModel

extension UnscoredRun {
  /// One published group's data point, as the engine decided it.
  struct GroupPoint {
    let name: String
    /// Respondents of the group behind the data point.
    let n: Int
    /// Why the data point is withheld (nil: shown, always when no one is behind it).
    let withheld: Suppression?
    /// What would show it (nil when shown).
    let wouldShow: AuditHint?
    /// The group's rows, in file or store order (empty when withheld).
    let rows: [Int]
  }

  /// Data point `d` (named `point`) of every published group, then of the organisation.
  func groups(_ published: Published, dataPoint d: Int, named point: String) -> [GroupPoint] {
    (Array(published.groups.indices).map(Optional.some) + [nil]).map { g in
      let name = g.map { published.groups[$0].name } ?? Self.organisationName
      let n = published.count(g, dataPoint: d)
      let withheld = n == 0 ? nil : published.withheld(g, dataPoint: d)
      guard withheld == nil else {
        return GroupPoint(name: name, n: n, withheld: withheld, wouldShow: published.wouldShow(group: name, dataPoint: point), rows: [])
      }
      return GroupPoint(name: name, n: n, withheld: nil, wouldShow: nil, rows: rows(of: g.map { published.groups[$0] }, in: published))
    }
  }

  /// The survey as a report names it, in the run's language.
  var surveyInfo: SurveyInfo {
    SurveyInfo(id: context.survey.id, title: context.survey.title(in: context.language), language: context.language)
  }
}
