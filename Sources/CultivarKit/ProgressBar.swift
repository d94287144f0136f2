import Foundation

/// A progress bar on standard error, drawn only when standard error is a terminal and only
/// once an operation has run for a moment (small files finish without one).
public final class ProgressBar {
  private let label: String
  private let enabled: Bool
  private let started = Date()
  private var lastDrawn = Date.distantPast
  private var drawn = false
  /// How long an operation runs before the bar appears.
  private let delay: TimeInterval = 0.3

  /// - Parameter label: the word before the bar, e.g. "importing".
  public init(label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
    self.label = label
    self.enabled = enabled
  }

  /// Redraws the bar for `fraction` (0 to 1), at most ten times a second.
  public func update(_ fraction: Double) {
    guard enabled else { return }
    let now = Date()
    guard now.timeIntervalSince(started) >= delay, now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
    lastDrawn = now
    drawn = true
    let width = 30
    let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded(.down))
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(Int(fraction * 100))%".utf8))
  }

  /// Clears the bar, if one was drawn.
  public func finish() {
    guard drawn else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    drawn = false
  }
}
