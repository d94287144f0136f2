/// A count with its noun in the right number: "1 item", "2 items", "1 duplicate skipped".
public enum Counted {
  /// - Parameters:
  ///   - singular: the noun for one ("row read" works too: only `singular`'s first word is
  ///     made plural).
  ///   - plural: the plural when it is not the first word plus "s".
  public static func phrase(_ n: Int, _ singular: String, plural: String? = nil) -> String {
    if n == 1 { return "1 \(singular)" }
    if let plural { return "\(n) \(plural)" }
    guard let space = singular.firstIndex(of: " ") else { return "\(n) \(singular)s" }
    return "\(n) \(singular[..<space])s\(singular[space...])"
  }

  /// What was read of an input: "233 rows read, 233 used, 0 rejected".
  public static func rows(read: Int, used: Int, rejected: Int) -> String {
    "\(phrase(read, "row read")), \(used) used, \(rejected) rejected"
  }
}
