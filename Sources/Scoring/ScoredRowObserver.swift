/// Receives each respondent right after the engine scored it, for analyses that need more than
/// the per-team summaries (covariances, reliability). Called once per row and framework; the
/// arrays are reused by the engine, so copy what must be kept.
public protocol ScoredRowObserver: AnyObject {
  /// - Parameters:
  ///   - team: the respondent's team.
  ///   - framework: the framework's index in ``ScoringPlan/frameworks``.
  ///   - keyed: the reverse-keyed answers, one per item of ``FrameworkPlan/items`` (NaN = not
  ///     answered).
  ///   - scores: the dimension scores after any `score` hook, in framework dimension order
  ///     (NaN = no score).
  func observe(team: String, framework: Int, keyed: [Double], scores: [Double])
}
