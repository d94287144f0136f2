/// How teams renamed, merged or split between waves are followed in a trend, declared under
/// `team_mapping:` in the survey file.
///
/// Every rule counts some team names as another, in every wave:
/// - renamed `old: new`: `old` is counted as `new`;
/// - merged `new: [a, b]`: `a` and `b` are counted as `new` (their respondents pooled);
/// - split `old: [a, b]`: `a` and `b` are counted as `old`, so the line of the team that was
///   split continues (its parts can still be scored wave by wave with `cultivar score`).
///
/// Rules may chain (`A` renamed `B`, later `B` renamed `C`): a name is followed to the end.
public struct TeamMapping: Equatable, Sendable {
  /// What happened to the teams.
  public enum Kind: String, Equatable, Sendable {
    case renamed, merged, split
  }

  /// One declared change: `sources` are counted as `target`.
  public struct Rule: Equatable, Sendable {
    public var kind: Kind
    public var sources: [String]
    public var target: String
    /// The line of the rule in the survey file.
    public var line: Int

    public init(kind: Kind, sources: [String], target: String, line: Int = 0) {
      self.kind = kind
      self.sources = sources
      self.target = target
      self.line = line
    }

    /// The rule in words, e.g. `'Support' counted as 'Customer Care' (renamed)`.
    public var summary: String {
      let names = sources.map { "'\($0)'" }.joined(separator: " and ")
      return "\(names) counted as '\(target)' (\(kind.rawValue))"
    }
  }

  public var rules: [Rule]
  private var targetOf: [String: String]

  /// - Precondition: no name is the source of two rules, and the rules have no cycle (the
  ///   survey loader checks both).
  public init(rules: [Rule] = []) {
    self.rules = rules
    var targetOf: [String: String] = [:]
    for rule in rules {
      for source in rule.sources { targetOf[source] = rule.target }
    }
    self.targetOf = targetOf
  }

  public var isEmpty: Bool { rules.isEmpty }

  /// The name a team is counted under: followed through every rule that applies.
  public func canonical(_ team: String) -> String {
    var name = team
    var steps = 0
    while let next = targetOf[name], steps <= rules.count {
      name = next
      steps += 1
    }
    return name
  }

  /// The first name on a cycle of rules, if the rules have one (`A → B → A`).
  public func cycle() -> String? {
    for start in targetOf.keys.sorted() {
      var name = start
      for _ in 0...targetOf.count {
        guard let next = targetOf[name] else { break }
        if next == start { return start }
        name = next
      }
    }
    return nil
  }
}
