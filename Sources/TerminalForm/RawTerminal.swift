import Foundation

/// The terminal mode to put back when a signal ends the process (read by the signal handler,
/// which may use only async-signal-safe calls).
nonisolated(unsafe) private var modeToRestore = termios()
nonisolated(unsafe) private var restoreOnSignal: sig_atomic_t = 0
/// The signals that end `take` while the terminal is raw: the terminal is put back, "Nothing
/// was stored." is printed, and the process ends by the same signal (so its exit status says
/// it was stopped).
private let endingSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]

private func restoreTerminalAndEnd(_ number: Int32) {
  if restoreOnSignal != 0 {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &modeToRestore)
    let message: StaticString = "\r\nNothing was stored.\r\n"
    _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
  }
  signal(number, SIG_DFL)
  raise(number)
}

/// The controlling terminal in raw mode (no echo, keys as they are pressed), restored to its
/// previous mode by ``restore()``, or by a signal that ends the process (SIGTERM, SIGHUP,
/// SIGINT, SIGQUIT) before it.
public final class RawTerminal {
  private var saved = termios()
  private var active = false

  /// Whether standard input and output are a terminal.
  public static var isAvailable: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

  /// Switches the terminal to raw mode.
  /// - Throws: when standard input is not a terminal.
  public init() throws {
    guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw CocoaError(.featureUnsupported) }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
    raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    modeToRestore = saved
    restoreOnSignal = 1
    for number in endingSignals { signal(number, restoreTerminalAndEnd) }
    guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else {
      restore()
      throw CocoaError(.featureUnsupported)
    }
    active = true
  }

  deinit { restore() }

  /// Puts the terminal back as it was (and the signals' default actions).
  public func restore() {
    restoreOnSignal = 0
    for number in endingSignals { signal(number, SIG_DFL) }
    guard active else { return }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
    active = false
  }

  /// The terminal's width in columns (80 when unknown).
  public var width: Int {
    var size = winsize()
    return ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
  }

  /// The next byte typed, or nil at the end of input. When `timeout` (seconds) passes
  /// without input, returns nil with `timedOut` set.
  public func readByte(timeout: Double? = nil) -> (byte: UInt8?, timedOut: Bool) {
    if let timeout {
      var poller = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      while true {
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        if ready == 0 { return (nil, true) }
        if ready < 0, errno == EINTR { continue }
        break
      }
    }
    var byte: UInt8 = 0
    while true {
      let count = read(STDIN_FILENO, &byte, 1)
      if count == 1 { return (byte, false) }
      if count < 0, errno == EINTR { continue }
      return (nil, false)
    }
  }

  /// Clears the screen and writes `lines` from the top.
  public func draw(_ lines: [String]) {
    let text = "\u{1B}[2J\u{1B}[H" + lines.joined(separator: "\r\n") + (lines.isEmpty ? "" : "\r\n")
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
