/// The anonymity rules' settings. The threshold can be raised (the survey's `min_group_size`)
/// but never set below ``floor``.
public struct PrivacyPolicy: Equatable, Sendable {
  /// No setting can publish a number behind fewer respondents than this.
  public static let floor = 3

  /// The fewest respondents behind any published number, or isolated by any subtraction of
  /// published numbers.
  public let threshold: Int
  /// Whether the residual rules (complementary, nested, mapping) run. Only the attacker's
  /// self-test turns them off, to show that it finds the leak they prevent.
  let residualRules: Bool
  /// The largest overlap problem checked at once (see ``OverlapRule/budget``); tests lower it
  /// to make small organisations go through ``BlockDecomposition``.
  var exactBudget = OverlapRule.budget
  /// The largest block checked at once (see ``OverlapRule/blockBudget``); tests lower it to
  /// make blocks withhold their overlapping groups.
  var blockBudget = OverlapRule.budget
  /// Whether a block's problem has the groups that reach outside it. Only the attacker's
  /// self-test turns it off (a planted leak in ``BlockDecomposition``).
  var blockKeepsOutsideGroups = true

  /// - Parameter minGroupSize: the survey's minimum group size (raised to ``floor`` if lower).
  public init(minGroupSize: Int) {
    threshold = max(Self.floor, minGroupSize)
    residualRules = true
  }

  /// The policy of plugin fixtures and try-outs (`cultivar plugins test`, `plugins run`): tiny
  /// made-up samples checked value by value, never a survey's published results, so the
  /// fixture's own threshold holds even below the floor.
  public static func forPluginFixtures(minGroupSize: Int) -> PrivacyPolicy {
    PrivacyPolicy(testingThreshold: max(1, minGroupSize))
  }

  /// A policy below the floor, for tests of arithmetic on tiny samples only (internal: reached
  /// through `@testable import` and never from a command).
  init(testingThreshold threshold: Int) {
    self.threshold = threshold
    residualRules = true
  }

  init(minGroupSize: Int, residualRules: Bool) {
    threshold = max(Self.floor, minGroupSize)
    self.residualRules = residualRules
  }

  /// The rules in words, for reports.
  public var summary: String {
    "every number is shown only when at least \(threshold) respondents are behind it (each dimension of each group counted on its own, blank rows not counted); when subtracting shown groups from the group that contains them (the organisation, a parent group or a mapped group) would isolate fewer than \(threshold) respondents, more groups are withheld; an index, band or advice is withheld when any number it is made from is"
  }
}
