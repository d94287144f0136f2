import Statistics
import SurveyModel

/// The comparison of one team with its baseline on one dimension, before and after Holm's
/// adjustment.
enum DifferenceTest {
  /// Welch's test, Cohen's d and the minimum detectable difference; the verdict waits for the
  /// adjusted p (see ``decide(_:n:adjustedP:method:)``).
  /// - Returns: nil when either side has no scores.
  static func compare(team: SampleSummary?, baseline: SampleSummary?, method: ComparisonMethod) -> BaselineDifference? {
    guard let team, let baseline else { return nil }
    let test = WelchTest(team, baseline)
    return BaselineDifference(
      baselineN: baseline.n, baselineMean: baseline.mean, difference: team.mean - baseline.mean, t: test?.t,
      degreesOfFreedom: test?.degreesOfFreedom, p: test?.p, cohensD: EffectSize.cohensD(team, baseline),
      minimumDetectable: test?.minimumDetectableDifference(alpha: method.significanceLevel, power: method.power),
      verdict: .untestable)
  }

  /// The difference with its adjusted p and verdict.
  /// - Parameters:
  ///   - n: the team's respondents on the dimension.
  static func decide(_ difference: BaselineDifference, n: Int, adjustedP: Double?, method: ComparisonMethod) -> BaselineDifference {
    var decided = difference
    decided.adjustedP = adjustedP
    guard let adjustedP else {
      decided.verdict = .untestable
      return decided
    }
    if n < method.smallTeamBelow {
      decided.verdict = .tooSmall
    } else if adjustedP < method.significanceLevel {
      decided.verdict = difference.difference > 0 ? .higher : .lower
    } else {
      decided.verdict = .noClearDifference
    }
    return decided
  }
}
