import Foundation

/// A `cultivar` process that keeps running (watch mode): its output is collected as it comes,
/// so a test can wait for a line, change a file, and wait for the next.
final class LiveProcess: @unchecked Sendable {
  private let process = Process()
  private let lock = NSLock()
  private var out = ""
  private var err = ""

  init(_ arguments: [String], in directory: String) throws {
    process.executableURL = URL(fileURLWithPath: CLI.binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env["CULTIVAR_PLUGIN_PATH"] = nil
    process.environment = env
    let outPipe = Pipe()
    let errPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    outPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, toError: false) }
    errPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, toError: true) }
    try process.run()
  }

  private func append(_ data: Data, toError: Bool) {
    lock.lock()
    defer { lock.unlock() }
    if toError { err += String(decoding: data, as: UTF8.self) } else { out += String(decoding: data, as: UTF8.self) }
  }

  var stdout: String { lock.withLock { out } }
  var stderr: String { lock.withLock { err } }

  /// Waits until `condition` holds for (stdout, stderr), at most `timeout` seconds: a bound
  /// against hanging, not a speed check (it returns as soon as the condition holds), so it is
  /// generous for a loaded machine.
  /// - Returns: the seconds waited, or nil on timeout.
  @discardableResult
  func wait(timeout: Double = 120, until condition: (String, String) -> Bool) -> Double? {
    let start = Date()
    while Date().timeIntervalSince(start) < timeout {
      if condition(stdout, stderr) { return Date().timeIntervalSince(start) }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return nil
  }

  /// Stops the process (SIGTERM, then SIGKILL after 3 s) and waits for it.
  func stop() {
    if process.isRunning { process.terminate() }
    let deadline = Date().addingTimeInterval(3)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }

  deinit { stop() }
}
