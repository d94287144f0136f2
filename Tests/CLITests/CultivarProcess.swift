import Foundation
import TestSupport
import Testing

/// Runs the built `cultivar` binary and captures what it prints.
enum Cultivar {
  /// The package root (three levels up from this file).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `cultivar` binary next to the test bundle, so of the configuration under test (or in
  /// .build/debug).
  static let binary: URL = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cultivar")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return root.appendingPathComponent(".build/debug/cultivar")
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `cultivar arguments...` (or another copy of it, `executable`) in `directory` and waits for it.
  @discardableResult
  static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:], executable: URL = binary) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "CULTIVAR_STORE")
    env.removeValue(forKey: "CULTIVAR_PLUGIN_PATH")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    // Output goes to files, so a chatty process can never block on a full pipe.
    let capture = FileManager.default.temporaryDirectory.appendingPathComponent("cultivar-out-\(UUID().uuidString)")
    let outURL = capture.appendingPathExtension("stdout")
    let errURL = capture.appendingPathExtension("stderr")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let outData = try Data(contentsOf: outURL)
    let errData = try Data(contentsOf: errURL)
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
  }
}

/// A fresh folder holding a copy of the sample survey and its plugin, removed at the end.
final class Sandbox {
  let url: URL
  /// The store every run uses by default (`$CULTIVAR_STORE`): nil for `cultivar.sqlite` in
  /// the sandbox, or a new PostgreSQL database (see ``Sandbox/init(backend:)``).
  private(set) var storeAddress: String?

  /// How messages name the default store.
  var storeName: String { storeAddress ?? "cultivar.sqlite" }

  /// A sandbox whose default store is of `backend`.
  convenience init(backend: Backend) throws {
    try self.init()
    if backend == .postgres { storeAddress = try temporaryDatabase() }
  }

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("cultivar-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for folder in ["surveys", "plugins"] {
      try FileManager.default.copyItem(at: Cultivar.root.appendingPathComponent(folder), to: url.appendingPathComponent(folder))
    }
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Runs cultivar in the sandbox.
  @discardableResult
  func run(_ arguments: String..., environment: [String: String] = [:]) throws -> Cultivar.Result {
    var environment = environment
    if let storeAddress, environment["CULTIVAR_STORE"] == nil { environment["CULTIVAR_STORE"] = storeAddress }
    return try Cultivar.run(arguments, in: url, environment: environment)
  }

  /// Writes a file into the sandbox and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return file.path
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// The path of an export fixture.
  static func fixture(_ name: String) -> String {
    Cultivar.root.appendingPathComponent("Tests/ImportersTests/Fixtures/\(name)").path
  }
}
