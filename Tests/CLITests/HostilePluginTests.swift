import Foundation
import Testing

/// The hostile-plugin suite: every plugin in `Tests/hostile-plugins/` is run through the built
/// binary (`plugins check` beside a good plugin, or `score` or `comments` on a small file, as its `-- run:`
/// line says). Each must end within a generous bound with an exit status from 1 to 127 (no
/// signal, no trap), a message naming the plugin file (and the line its `-- line:` header
/// gives) and every `-- expect:` text (`a|b`: either), while the good plugin still checks out.
@Suite struct HostilePluginTests {
  static let folder = Cultivar.root.appendingPathComponent("Tests/hostile-plugins")

  /// One hostile plugin and what it must produce.
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let run: String
    let expects: [String]
    let line: Int?
    var testDescription: String { name }

    init(file: URL) throws {
      name = file.deletingPathExtension().lastPathComponent
      let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
      var run = "check"
      var expects: [String] = []
      var line: Int? = nil
      for raw in text.split(separator: "\n").prefix(12) where raw.hasPrefix("-- ") {
        let header = raw.dropFirst(3)
        if header.hasPrefix("run: ") { run = String(header.dropFirst(5)) }
        if header.hasPrefix("expect: ") { expects.append(String(header.dropFirst(8))) }
        if header.hasPrefix("line: ") { line = Int(header.dropFirst(6)) }
      }
      self.run = run
      self.expects = expects
      self.line = line
    }
  }

  static let cases: [Case] = {
    let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
    return files.filter { $0.pathExtension == "lua" }.sorted { $0.lastPathComponent < $1.lastPathComponent }.compactMap { try? Case(file: $0) }
  }()

  static let goodPlugin = """
    return { api = 1, id = 'good', name = 'Good', version = '1.0.0', description = 'ok', source = 'ok',
      scale = { min = 1, max = 5 }, dimensions = { { id = 'd', name = 'D' } },
      items = { { id = 'g1', text = 'G1', dimension = 'd' } } }

    """
  static let responses = "respondent_id,team,q1,q2\nr1,A,1,2\nr2,A,2,3\nr3,A,3,4\nr4,A,4,5\nr5,B,5,4\nr6,B,4,3\nr7,B,3,2\nr8,B,2,1\n"

  /// The longest one hostile run may take: the 1 s time limit plus start-up, under load.
  static let bound: Duration = .seconds(20)

  @Test func theSuiteCoversEveryClass() {
    #expect(Self.cases.count >= 60)
    var classes: Set<String> = []
    for c in Self.cases {
      let text = (try? String(contentsOf: Self.folder.appendingPathComponent(c.name + ".lua"), encoding: .utf8)) ?? ""
      if let range = text.range(of: "class: ") { classes.insert(String(text[range.upperBound...].prefix { $0 != "." })) }
    }
    let wanted: Set = ["crash", "hang", "memory", "stack", "finalizer", "message-handler", "long-c-call", "bad-result", "contract-number"]
    #expect(wanted.isSubset(of: classes), "missing: \(wanted.subtracting(classes))")
  }

  @Test(arguments: ["1e10", "inf", "nan", "0"]) func timeLimitOptionsAreChecked(_ value: String) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cultivar-hostile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(Self.goodPlugin.utf8).write(to: dir.appendingPathComponent("good.lua"))
    let result = try BoundedRun.run(["plugins", "check", "good.lua", "--lua-timeout", value], in: dir, limit: Self.bound)
    #expect(result.exited && result.status == 64, "status \(result.status): \(result.output)")
    #expect(result.output.contains("--lua-timeout must be a number of seconds above 0 and at most 86400"), "\(result.output)")
  }

  @Test(arguments: cases) func endsWithAClearMessage(_ c: Case) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cultivar-hostile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let plugins = dir.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: Self.folder.appendingPathComponent(c.name + ".lua"), to: plugins.appendingPathComponent(c.name + ".lua"))
    try Data(Self.goodPlugin.utf8).write(to: plugins.appendingPathComponent("good.lua"))
    let survey = "id: hostile\ntitle: Hostile\nframeworks:\n  - \(c.name)\ncolumns:\n  respondent: respondent_id\n  team: team\nmin_group_size: 3\n"
    try Data(survey.utf8).write(to: dir.appendingPathComponent("survey.yaml"))
    try Data(Self.responses.utf8).write(to: dir.appendingPathComponent("r.csv"))
    let file = "plugins/\(c.name).lua"
    // A plugin that can only end at the time limit meets a shorter one: the same message, a
    // quarter of the CPU (most of the suite's time was spent looping to 1 s).
    let timeout = c.expects == ["time limit exceeded"] ? "0.3" : "1"

    // Other plugins are unaffected: the good one checks out beside the hostile one.
    let check = try BoundedRun.run(["plugins", "check", file, "plugins/good.lua", "--lua-timeout", timeout], in: dir, limit: Self.bound)
    #expect(!check.timedOut, "plugins check did not finish within \(Self.bound)")
    #expect(check.exited && check.status < 128, "plugins check ended with status \(check.status) (exited: \(check.exited))")
    #expect(check.output.contains("ok: plugins/good.lua"), "the good plugin was affected:\n\(check.output.prefix(2000))")

    // `comments`: twelve commenters in one team, so the plugin's classify hook runs.
    let comments = "respondent_id,team,q1,c1\n" + (1...12).map { "r\($0),A,3,comment number \($0)" }.joined(separator: "\n") + "\n"
    try Data(comments.utf8).write(to: dir.appendingPathComponent("c.csv"))
    let result =
      c.run == "score"
      ? try BoundedRun.run(["score", "survey.yaml", "--responses", "r.csv", "--lua-timeout", timeout, "--jobs", "2"], in: dir, limit: Self.bound)
      : c.run == "comments"
        ? try BoundedRun.run(["comments", "survey.yaml", "--responses", "c.csv", "--lua-timeout", timeout], in: dir, limit: Self.bound)
        : check
    #expect(!result.timedOut, "\(c.run) did not finish within \(Self.bound)")
    #expect(result.exited && (1...127).contains(result.status), "\(c.run) ended with status \(result.status) (exited: \(result.exited))")
    #expect(result.output.contains(file), "the message does not name \(file):\n\(result.output.prefix(2000))")
    if let line = c.line {
      #expect(result.output.contains("\(file):\(line):"), "the message does not name \(file):\(line):\n\(result.output.prefix(2000))")
    }
    // "a|b": either text (a memory or stack case may meet the time limit first on a busy machine).
    for text in c.expects {
      let options = text.split(separator: "|").map(String.init)
      #expect(options.contains { result.output.contains($0) }, "missing '\(text)' in:\n\(result.output.prefix(2000))")
    }
  }
}

/// Runs the binary with output captured in files (no pipe can fill up) and a kill after
/// `limit`, so a hang is a failed test rather than a stuck suite.
enum BoundedRun {
  struct Result {
    var status: Int32
    var output: String
    var timedOut: Bool
    /// False when the process died of a signal (a crash or a trap): `status` is the signal.
    var exited: Bool
  }

  static func run(_ arguments: [String], in directory: URL, limit: Duration) throws -> Result {
    let process = Process()
    process.executableURL = Cultivar.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "CULTIVAR_PLUGIN_PATH")
    env.removeValue(forKey: "CULTIVAR_STORE")
    process.environment = env
    let capture = directory.appendingPathComponent("output-\(UUID().uuidString).txt")
    FileManager.default.createFile(atPath: capture.path, contents: nil)
    let handle = try FileHandle(forWritingTo: capture)
    defer { try? handle.close() }
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    try process.run()
    let (seconds, attoseconds) = limit.components
    let timedOut = done.wait(timeout: .now() + Double(seconds) + Double(attoseconds) / 1e18) == .timedOut
    if timedOut {
      process.terminate()
      done.wait()
    }
    let output = String(decoding: try Data(contentsOf: capture), as: UTF8.self)
    return Result(status: process.terminationStatus, output: output, timedOut: timedOut, exited: process.terminationReason == .exit)
  }
}
