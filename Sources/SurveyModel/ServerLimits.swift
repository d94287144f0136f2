/// The web form's limits: how long a client may take, how many connections are kept, how
/// often a link may be opened, how long a form stays valid.
public struct ServerLimits: Sendable, Equatable {
  /// Seconds a new connection may take to send a complete request head (slow or silent
  /// clients are cut off).
  public var readTimeout: Double = 10
  /// Seconds a kept-alive connection may stay idle between requests.
  public var idleTimeout: Double = 15
  /// Seconds from a request's head to the end of its response (a slow body is cut off).
  public var requestTimeout: Double = 30
  /// Connections kept open at once. When a new one would pass it, the connection idle for the
  /// longest (one with no request in progress) is closed, so silent clients cannot crowd out
  /// respondents.
  public var maxConnections = 512
  /// Times one link may be opened (or sent) per minute before further requests are refused.
  public var opensPerMinute = 20
  /// Hours a form (its ticket) stays valid after it was shown.
  public var ticketHours = 24
  /// Seconds a submission waits for the store when another process writes, per attempt.
  public var storeWait: Double = 1
  /// Attempts at storing a submission while the store is busy.
  public var storeAttempts = 3

  public init() {}

  /// The first limit that is not usable, described for an error message.
  public var problem: String? {
    for (name, value) in [
      ("read timeout", readTimeout), ("idle timeout", idleTimeout), ("request timeout", requestTimeout), ("store wait", storeWait),
    ]
    where !(value.isFinite && value > 0 && value <= 86_400) {
      return "the \(name) must be a number of seconds between 0 and 86400"
    }
    if !(1...100_000).contains(maxConnections) { return "the connection limit must be between 1 and 100000" }
    if !(1...100_000).contains(opensPerMinute) { return "the opens per minute must be between 1 and 100000" }
    if !(1...8760).contains(ticketHours) { return "the form lifetime must be between 1 and 8760 hours" }
    if !(1...20).contains(storeAttempts) { return "the store attempts must be between 1 and 20" }
    return nil
  }
}
