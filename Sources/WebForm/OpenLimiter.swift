/// Counts how often each link is used within the current minute, in memory only (nothing of
/// it is stored or logged). Only links that exist are counted, so its size is bounded by the
/// number of invitations.
actor OpenLimiter {
  private let perMinute: Int
  private var minute = -1
  private var counts: [String: Int] = [:]

  init(perMinute: Int) { self.perMinute = perMinute }

  /// Counts one use of the link with this token hash at `seconds` (since any fixed moment).
  /// - Returns: false when the link was already used `perMinute` times this minute.
  func allow(_ tokenHash: String, at seconds: Double) -> Bool {
    let now = Int(seconds / 60)
    if now != minute {
      minute = now
      counts.removeAll(keepingCapacity: true)
    }
    let used = counts[tokenHash, default: 0]
    guard used < perMinute else { return false }
    counts[tokenHash] = used + 1
    return true
  }
}
