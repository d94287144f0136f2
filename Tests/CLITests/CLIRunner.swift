import Foundation

/// What a run of the binary printed, and how it ended.
typealias CLIResult = Cultivar.Result

/// Runs the built `cultivar` binary (see ``Cultivar``) from a folder given as a path.
enum CLI {
  /// The package root.
  static let root = Cultivar.root
  /// The binary of the configuration under test (release under `make test-release`).
  static let binary = Cultivar.binary.path

  /// Runs `cultivar` with `arguments` in `directory` (default: the package root).
  static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> CLIResult {
    try Cultivar.run(arguments, in: URL(fileURLWithPath: directory ?? root.path), environment: environment)
  }
}

/// A temporary project folder with a plugin, a survey and responses, removed when the test
/// process ends (not when the value goes: a test may still use its path after its last use of
/// the value).
struct Scratch {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "cultivar-cli-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    ScratchFolders.shared.add(path)
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

/// The scratch folders this test process made, removed at its exit.
final class ScratchFolders: @unchecked Sendable {
  static let shared = ScratchFolders()
  private let lock = NSLock()
  private var paths: [String] = []

  private init() {
    atexit { ScratchFolders.shared.removeAll() }
  }

  func add(_ path: String) { lock.withLock { paths.append(path) } }

  private func removeAll() {
    for path in lock.withLock({ paths }) { try? FileManager.default.removeItem(atPath: path) }
  }
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
