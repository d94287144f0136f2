import Foundation

/// The input being run, kept where a signal handler can write it out: a crash (trap,
/// segmentation fault) leaves the input that caused it in the findings folder.
enum CurrentInput {
  nonisolated(unsafe) static var bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
  nonisolated(unsafe) static var count = 0
  nonisolated(unsafe) static var capacity = 1
  /// The file a crash writes the input to, opened ahead (only `write` is safe in a handler).
  nonisolated(unsafe) static var crashFile: Int32 = -1
  /// Counts inputs run, for the hang watchdog.
  nonisolated(unsafe) static var serial = 0

  static func set(_ input: [UInt8]) {
    if input.count > capacity {
      bytes.deallocate()
      capacity = input.count
      bytes = .allocate(capacity: capacity)
    }
    input.withUnsafeBufferPointer { if let base = $0.baseAddress { bytes.update(from: base, count: input.count) } }
    count = input.count
    serial &+= 1
  }

  /// Writes the current input to the crash file (async-signal-safe).
  static func dump() {
    guard crashFile >= 0 else { return }
    _ = ftruncate(crashFile, 0)
    _ = lseek(crashFile, 0, SEEK_SET)
    var written = 0
    while written < count {
      let n = write(crashFile, bytes + written, count - written)
      if n <= 0 { break }
      written += n
    }
  }
}

/// Installs the handlers that save the input on a crash, and a watchdog that saves it and
/// stops the run when one input takes longer than `hangSeconds`.
func guardRun(findings: String, target: String, hangSeconds: Double) {
  try? FileManager.default.createDirectory(atPath: findings, withIntermediateDirectories: true)
  let path = "\(findings)/crash-\(target)-\(getpid()).bin"
  CurrentInput.crashFile = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
  for sig in [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE] {
    signal(sig) { number in
      CurrentInput.dump()
      let message = "cultivar-fuzz: crashed (signal \(number)); the input is in the findings folder as crash-*.bin\n"
      _ = message.withCString { write(2, $0, strlen($0)) }
      signal(number, SIG_DFL)
      raise(number)
    }
  }
  Thread.detachNewThread {
    var last = -1
    var since = Date()
    while true {
      Thread.sleep(forTimeInterval: 0.5)
      let now = CurrentInput.serial
      if now != last {
        last = now
        since = Date()
      } else if Date().timeIntervalSince(since) > hangSeconds {
        CurrentInput.dump()
        let hangPath = path.replacingOccurrences(of: "crash-", with: "hang-")
        _ = rename(path, hangPath)
        FileHandle.standardError.write(Data("cultivar-fuzz: one input ran longer than \(hangSeconds) s; it is saved as \(hangPath)\n".utf8))
        exit(3)
      }
    }
  }
}

/// Removes the crash file after a clean run.
func endRun(findings: String, target: String) {
  close(CurrentInput.crashFile)
  try? FileManager.default.removeItem(atPath: "\(findings)/crash-\(target)-\(getpid()).bin")
}
