/// Receives each respondent right after the engine scored it, for analyses that need more than
/// the per-team summaries (covariances, reliability per team). Called once per row and
/// framework, on the single-threaded path (``ScoreEngine/add(_:)``); the buffers belong to the
/// engine and are only valid during the call, so copy what must be kept.
public protocol ScoredRowObserver: AnyObject {
  /// - Parameters:
  ///   - team: the respondent's team.
  ///   - framework: the framework's index in ``ScoringPlan/frameworks``.
  ///   - keyed: the reverse-keyed answers, one per item of ``FrameworkPlan/items`` (NaN = not
  ///     answered).
  ///   - scores: the dimension scores after any `score` hook, in framework dimension order
  ///     (NaN = no score).
  func observe(team: String, framework: Int, keyed: UnsafeBufferPointer<Double>, scores: UnsafeBufferPointer<Double>)
}
