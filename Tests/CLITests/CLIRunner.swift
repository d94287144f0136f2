import Foundation

/// Runs the built `cultivar` binary and captures what it prints.
struct CLIResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

enum CLI {
  /// The package root (three levels above this file).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  /// The binary of the configuration under test (release under `make test-release`).
  static let binary = Cultivar.binary.path

  /// Runs `cultivar` with `arguments` in `directory` (default: the package root).
  static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? root.path)
    var env = ProcessInfo.processInfo.environment
    env["CULTIVAR_PLUGIN_PATH"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes at once: reading one to its end first would deadlock once the process
    // filled the other pipe's buffer (64 KiB) and blocked.
    let errorBox = DataBox()
    let reader = Thread {
      errorBox.data = err.fileHandleForReading.readDataToEndOfFile()
      errorBox.done.signal()
    }
    reader.start()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    errorBox.done.wait()
    let stderr = errorBox.data
    process.waitUntilExit()
    return CLIResult(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
  }
}

/// Standard error read on another thread.
private final class DataBox: @unchecked Sendable {
  var data = Data()
  let done = DispatchSemaphore(value: 0)
}

/// A temporary project folder with a plugin, a survey and responses.
struct Scratch {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "cultivar-cli-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func write(_ name: String, _ text: String) {
    let full = path + "/" + name
    try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
  }

  func read(_ name: String) -> String? {
    FileManager.default.contents(atPath: path + "/" + name).map { String(decoding: $0, as: UTF8.self) }
  }

  func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }
}

/// A two-dimension plugin on 1–5 (items q1, q2 in 'trust', q3 reversed in 'voice').
let trustPlugin = """
  return {
    api = 1, id = 'trust', name = 'Trust', version = '1.0.0',
    description = 'test framework', source = 'test',
    scale = { min = 1, max = 5 },
    dimensions = { { id = 'trust', name = 'Trust' }, { id = 'voice', name = 'Voice' } },
    items = {
      { id = 'q1', text = 'One', dimension = 'trust' },
      { id = 'q2', text = 'Two', dimension = 'trust' },
      { id = 'q3', text = 'Three', dimension = 'voice', reverse = true },
    },
  }
  """

let trustSurvey = "id: t\ntitle: Trust survey\nframeworks: [trust]\nmin_group_size: 5\n"
