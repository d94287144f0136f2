import SurveyModel

/// The comment rule: the comments of a group on one item, and the theme counts made from them,
/// are shown only when at least ``threshold`` respondents of the group wrote a comment on it.
/// The threshold is separate from the numeric one and never below it (default 10, as Viva
/// Glint; it can only be raised). The residual rules apply as to numbers, since the
/// organisation's comments minus the comments of the shown teams are the other teams' comments.
public struct CommentPolicy: Equatable, Sendable {
  /// The threshold when none is asked for.
  public static let defaultThreshold = 10

  /// The fewest commenters behind any shown list of comments.
  public let threshold: Int
  /// The policy the anonymity engine applies to comments.
  public let engine: PrivacyPolicy

  /// Why a requested threshold cannot be used.
  public struct Problem: Diagnostic, Sendable {
    public let message: String
    public let hint: String
    public var exitStatus: ExitStatus { .usage }
    public var description: String { DiagnosticText.render(message: message, hint: hint) }
  }

  /// - Parameters:
  ///   - numeric: the survey's policy for numbers.
  ///   - requested: the threshold asked for (nil: the default, or the numeric one if higher).
  /// - Throws: ``Problem`` when `requested` is below the numeric threshold or the default.
  public init(numeric: PrivacyPolicy, requested: Int?) throws(Problem) {
    let lowest = max(numeric.threshold, Self.defaultThreshold)
    if let requested, requested < lowest {
      throw Problem(
        message:
          "--min-comments \(requested) is below \(lowest): the comment threshold can only be raised (default \(Self.defaultThreshold), never below the survey's min_group_size of \(numeric.threshold))",
        hint: "leave --min-comments out, or give a number of at least \(lowest)")
    }
    threshold = requested ?? lowest
    engine = PrivacyPolicy(minGroupSize: threshold)
  }

  /// The rule in words, for reports.
  public var summary: String {
    "comments on an item, and their theme counts, are shown only for a group in which at least \(threshold) respondents commented on it, in a random order, with e-mail addresses, phone numbers and listed names replaced; when subtracting shown groups from the group that contains them would isolate the comments of fewer than \(threshold) respondents, more groups are withheld"
  }
}

extension AnonymityEngine {
  /// Decides which groups' comments may be shown: `population` counts, per data point (one
  /// comment item), the respondents who commented on it.
  public static func decideComments(_ population: Population, policy: CommentPolicy) -> Disclosure {
    decide(population, policy: policy.engine)
  }
}
