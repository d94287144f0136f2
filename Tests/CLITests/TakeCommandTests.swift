import Foundation
import TestSupport
import Testing

/// `cultivar take` in a real terminal: tmux runs it in a pseudo-terminal, the test sends keys
/// and reads the screen.
@Suite(.serialized) struct TakeCommandTests {
  /// A tmux server of its own (its own socket), so tests never touch anyone's sessions.
  final class Tmux {
    let socket = "cultivar-test-\(UUID().uuidString.prefix(8))"

    init(command: String, in directory: URL) throws {
      // The pane stays on screen after the command ends, so its last words can be read.
      let config = directory.appendingPathComponent("tmux.conf")
      try Data("set -g remain-on-exit on\n".utf8).write(to: config)
      try run(
        capturing: false,
        ["-f", config.path, "new-session", "-d", "-s", "t", "-x", "100", "-y", "40", "-c", directory.path, command + "; echo EXIT=$?"])
    }

    /// Ends the command in the pane (if it still runs) and the tmux server, by their process
    /// ids. (`kill-server` is not enough: the server inherits the test runner's blocked
    /// signals and never sees its panes end.)
    func stop() {
      let server = (try? run(["display-message", "-p", "#{pid}"])) ?? ""
      let panes = (try? run(["list-panes", "-a", "-F", "#{pane_pid}"])) ?? ""
      for pid in (panes + "\n" + server).split(separator: "\n").compactMap({ Int32($0.trimmingCharacters(in: .whitespaces)) }) where pid > 1 {
        kill(pid, SIGKILL)
      }
      try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
    }

    /// Runs a tmux command. It runs through a shell that closes every inherited descriptor
    /// above 2 first: the tmux server would otherwise keep the test's descriptors open (and
    /// Foundation's Process would wait for the server to exit).
    @discardableResult
    func run(capturing: Bool = true, _ arguments: [String]) throws -> String {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/bash")
      let closeInherited = "for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ \"$n\" -gt 2 ]; then eval \"exec $n>&-\"; fi; done 2>/dev/null; exec \"$@\""
      process.arguments = ["-c", closeInherited, "tmux", "tmux", "-L", socket] + arguments
      let out = Pipe()
      process.standardOutput = capturing ? out : FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      process.standardInput = FileHandle.nullDevice
      try process.run()
      let data = capturing ? out.fileHandleForReading.readDataToEndOfFile() : Data()
      process.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }

    func send(_ keys: String...) throws { try run(["send-keys", "-t", "t"] + keys) }

    func screen() throws -> String { try run(["capture-pane", "-p", "-t", "t"]) }

    /// Waits until the screen shows `text` (up to 15 seconds) and returns the screen.
    @discardableResult
    func waitFor(_ text: String) throws -> String {
      var last = ""
      // A bound against hanging, not a speed check: generous for a loaded machine (2 minutes).
      for _ in 0..<2400 {
        last = try screen()
        if last.contains(text) { return last }
        usleep(50_000)
      }
      Issue.record("the screen never showed '\(text)'; it shows:\n\(last)")
      return last
    }
  }

  static var hasTmux: Bool {
    ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
  }

  func start(_ box: Sandbox, _ arguments: String, after: String = "", survey: String = "surveys/learning-culture.yaml") throws -> Tmux {
    try #require(Self.hasTmux, "tmux is needed for this test: 'make test' installs it, or apt-get install tmux")
    let store = box.storeAddress.map { " --store '\($0)'" } ?? ""
    return try Tmux(command: "'\(Cultivar.binary.path)' take \(survey) \(arguments)\(store)" + after, in: box.url)
  }

  /// The process ids whose parent is `parent` (from /proc).
  static func children(of parent: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      return fields.count > 2 && Int32(fields[1]) == parent
    }
  }

  @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
  func aSignalRestoresTheTerminal(signal: Int32) throws {
    let box = try Sandbox()
    // After take ends, the pane prints the exit status and whether the terminal is cooked again.
    let modes = "; echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' ' | sed 's/^/MODES=/'"
    let tmux = try start(box, "--team Sales --wave w", after: modes)
    defer { tmux.stop() }
    try tmux.waitFor("Item 1 of 20")
    try tmux.send("4")
    try tmux.waitFor("Item 2 of 20")
    let shell = Int32((try tmux.run(["list-panes", "-t", "t", "-F", "#{pane_pid}"])).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    let take = try #require(Self.children(of: shell).first, "take is not running")
    kill(take, signal)
    let screen = try tmux.waitFor("MODES=")
    #expect(screen.contains("EXIT=\(128 + signal)"), "\(screen)")
    #expect(screen.contains("MODES=icanon echo"), "the terminal was left raw:\n\(screen)")
    #expect(screen.components(separatedBy: "Nothing was stored.").count == 2, "\(screen)")
    let score = try box.run("score", "surveys/learning-culture.yaml", "--wave", "w")
    #expect(score.status != 0, "nothing may be stored")
  }

  @Test func longEscapeSequencesAreNotAnswers() throws {
    let box = try Sandbox()
    let tmux = try start(box, "--team Sales --wave w")
    defer { tmux.stop() }
    try tmux.waitFor("Item 1 of 20")
    // A 12-byte CSI sequence (e.g. a kitty keyboard report) and an OSC reply with digits.
    try tmux.run(["send-keys", "-t", "t", "-H", "1b", "5b", "31", "3b", "32", "33", "34", "35", "36", "37", "38", "75"])
    try tmux.run(["send-keys", "-t", "t", "-H", "1b", "5d", "31", "31", "3b", "33", "33", "07"])
    usleep(300_000)
    #expect(try tmux.screen().contains("Item 1 of 20"), "a byte of an escape sequence was taken as an answer")
    try tmux.send("3")
    try tmux.waitFor("Item 2 of 20")
  }

  @Test(arguments: Backend.underTest) func aConfirmedResponseIsStoredOnce(_ backend: Backend) throws {
    let box = try Sandbox(backend: backend)
    let tmux = try start(box, "--team Engineering --wave 2026-q3")
    defer { tmux.stop() }
    var screen = try tmux.waitFor("Item 1 of 20")
    #expect(screen.contains("I can describe in my own words where our organisation wants to be in a few years."))
    #expect(screen.contains("5 Strongly agree"))
    try tmux.send("4")
    try tmux.waitFor("Item 2 of 20")
    try tmux.send("b")  // back to item 1: the answer given is shown
    screen = try tmux.waitFor("Item 1 of 20")
    #expect(screen.contains("> 4 Agree  (your answer)"))
    try tmux.send("Down")
    try tmux.send("Enter")  // changes the answer to 5
    try tmux.waitFor("Item 2 of 20")
    try tmux.send("s")  // skips item 2
    try tmux.waitFor("Item 3 of 20")
    for _ in 3...20 { try tmux.send("3") }
    screen = try tmux.waitFor("You answered 19 of 20 items.")
    #expect(screen.contains("Skipped: item 2."))
    try tmux.send("y")
    screen = try tmux.waitFor("EXIT=")
    #expect(screen.contains("Your answers to 19 of 20 items were stored in wave '2026-q3' for team 'Engineering'."))
    #expect(screen.contains("EXIT=0"))

    let csv = try box.run("score", "surveys/learning-culture.yaml", "--wave", "2026-q3", "--format", "csv")
    #expect(csv.stderr.contains("1 row read, 1 used"))
    // Item 1 answered 5, items 3-20 answered 3: shared vision = mean(5, 3, 3 reversed = 3) = 3.67.
    #expect(csv.stdout.contains("senge-five-disciplines,Engineering,1,below_min_group_size"))
  }

  /// The survey's attributes come after its items, as optional questions with their privacy
  /// note; the one answered is stored with the response, the one skipped is not.
  @Test func attributesAreAskedAfterTheItemsAndStored() throws {
    let box = try AttributeImportCommandTests().sandbox()
    let tmux = try start(box, "--team Sales --wave w", survey: "surveys/attributes.yaml")
    defer { tmux.stop() }
    try tmux.waitFor("Item 1 of 22")
    for _ in 1...20 { try tmux.send("3") }
    var screen = try tmux.waitFor("Item 21 of 22")
    #expect(screen.contains("Where do you work?") && screen.contains("2 Lisbon"), "\(screen)")
    #expect(screen.contains("s/Right: prefer not to say"), "\(screen)")
    #expect(screen.contains("only for groups of at least 5"), "\(screen)")
    try tmux.send("2")
    screen = try tmux.waitFor("Item 22 of 22")
    #expect(screen.contains("How many years have you worked here?") && screen.contains("1 <1"), "\(screen)")
    try tmux.send("s")
    try tmux.waitFor("You answered 21 of 22 items.")
    try tmux.send("y")
    screen = try tmux.waitFor("EXIT=")
    #expect(screen.contains("Your answers to 20 of 20 items were stored in wave 'w' for team 'Sales'."), "\(screen)")
    #expect(try sqlite(box, "SELECT name || '=' || value FROM response_attribute") == ["location=Lisbon"])
    #expect(try sqlite(box, "SELECT CAST(COUNT(*) AS TEXT) FROM answer") == ["20"])
  }

  @Test(arguments: Backend.underTest) func leavingStoresNothing(_ backend: Backend) throws {
    let box = try Sandbox(backend: backend)
    try box.run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "2026-q2")
    let tmux = try start(box, "--team Sales")  // the latest wave, 2026-q2
    defer { tmux.stop() }
    try tmux.waitFor("Item 1 of 20")
    try tmux.send("2")
    try tmux.send("q")
    try tmux.waitFor("Leave without storing your answers?")
    try tmux.send("y")
    let screen = try tmux.waitFor("EXIT=")
    #expect(screen.components(separatedBy: "Nothing was stored.").count == 2, "printed once:\n\(screen)")
    #expect(screen.contains("EXIT=1"), "leaving is not success:\n\(screen)")
    let score = try box.run("score", "surveys/learning-culture.yaml", "--wave", "2026-q2")
    #expect(score.stderr.contains("233 rows read"))
  }

  @Test func withoutATerminalItRefusesClearly() throws {
    let box = try Sandbox()
    let result = try box.run("take", "surveys/learning-culture.yaml", "--team", "Sales", "--wave", "w")
    #expect(result.status == 64)
    #expect(result.stderr.contains("'take' needs a terminal"))
  }
}
