import Statistics
import SurveyModel

/// The comparison of one team with its baseline on one dimension, before and after Holm's
/// adjustment.
enum DifferenceTest {
  /// Welch's test, Cohen's d and the minimum detectable difference; the verdict waits for the
  /// adjusted p (see ``decide(_:n:adjustedP:method:)``).
  ///
  /// No test is run when either side has fewer than two scores or no variance: with one side
  /// constant, Welch's standard error rests on the other side alone and a baseline of two
  /// identical answers would make every team "significantly" different.
  /// - Returns: nil when either side has no scores.
  static func compare(team: SampleSummary?, baseline: SampleSummary?, method: ComparisonMethod) -> BaselineDifference? {
    guard let team, let baseline else { return nil }
    var difference = BaselineDifference(
      baselineN: baseline.n, baselineMean: baseline.mean, difference: team.mean - baseline.mean,
      cohensD: EffectSize.cohensD(team, baseline), verdict: .untestable)
    if let reason = untestable(team, baseline) {
      difference.untestableReason = reason
      return difference
    }
    guard let test = WelchTest(team, baseline) else {
      difference.untestableReason = .noVariance
      return difference
    }
    difference.t = test.t
    difference.degreesOfFreedom = test.degreesOfFreedom
    difference.p = test.p
    difference.minimumDetectable = test.minimumDetectableDifference(alpha: method.significanceLevel, power: method.power)
    return difference
  }

  /// Why the two samples cannot be compared by a test, or nil when they can.
  static func untestable(_ a: SampleSummary, _ b: SampleSummary) -> UntestableReason? {
    if a.n < 2 || b.n < 2 { return .fewerThanTwo }
    if isConstant(a) || isConstant(b) { return .noVariance }
    return nil
  }

  /// Whether every score of the sample is the same, allowing for the rounding of streamed
  /// moments (answers are on a bounded scale, so a real variance is never this small).
  static func isConstant(_ s: SampleSummary) -> Bool {
    !(s.variance > 1e-12 * max(1, s.mean * s.mean))
  }

  /// The difference with its adjusted p and verdict.
  ///
  /// A difference that is significant after adjustment is called higher or lower whatever the
  /// team's size, flagged ``BaselineDifference/smallSample`` below the small-team limit; a
  /// non-significant one below that limit is "too small to tell" rather than "no difference".
  /// - Parameters:
  ///   - n: the team's respondents on the dimension.
  static func decide(_ difference: BaselineDifference, n: Int, adjustedP: Double?, method: ComparisonMethod) -> BaselineDifference {
    var decided = difference
    decided.adjustedP = adjustedP
    guard let adjustedP else {
      decided.verdict = .untestable
      return decided
    }
    let small = n < method.smallTeamBelow
    if adjustedP < method.significanceLevel {
      decided.verdict = difference.difference > 0 ? .higher : .lower
      decided.smallSample = small
    } else {
      decided.verdict = small ? .tooSmall : .noClearDifference
    }
    return decided
  }
}
