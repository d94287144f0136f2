import Foundation

/// Calendar days (UTC), the finest time the store keeps: no submission time finer than a day
/// is ever written, so responses cannot be matched to people by when they answered.
public enum Day {
  /// Today as `YYYY-MM-DD` (UTC).
  public static func today(_ now: Date = Date()) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: now)
    return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
  }
}
