import Foundation
import Testing

/// `cultivar take` answers a multi-select (ticked with digits) and a comment (typed, with
/// letters that are keys elsewhere and a character beyond ASCII); both are stored.
@Suite(.serialized) struct TakeCommentTests {
  @Test func aCommentAndTickedOptionsAreStored() throws {
    try #require(TakeCommandTests.hasTmux, "tmux is needed for this test: 'make test' installs it, or apt-get install tmux")
    let scratch = Scratch()
    let example = CLI.root.appendingPathComponent("surveys/examples/comments").path
    for name in ["voice.yaml", "plugins/learning-voice.lua"] {
      scratch.write(name, try String(contentsOfFile: example + "/" + name, encoding: .utf8))
    }
    let tmux = try TakeCommandTests.Tmux(
      command: "'\(CLI.binary)' take voice.yaml --team Sales --wave w --store s.sqlite", in: URL(fileURLWithPath: scratch.path))
    defer { tmux.stop() }
    try tmux.waitFor("Item 1 of 4")
    try tmux.send("4")
    try tmux.waitFor("Item 2 of 4")
    try tmux.send("2")
    var screen = try tmux.waitFor("Item 3 of 4")
    #expect(screen.contains("[ ] 1 Workshops"))
    try tmux.send("1")
    try tmux.send("3")
    screen = try tmux.waitFor("[x] 3 E-learning")
    #expect(screen.contains("[x] 1 Workshops") && screen.contains("[ ] 2 Mentoring"))
    try tmux.send("Enter")
    try tmux.waitFor("Item 4 of 4")
    try tmux.run(["send-keys", "-t", "t", "-l", "bq: mehr Zeit für Kurse"])
    screen = try tmux.waitFor("bq: mehr Zeit für Kurse_")
    #expect(screen.contains("Comments are shown only for groups in which many people commented"))
    try tmux.send("Enter")
    try tmux.waitFor("You answered 4 of 4 items.")
    try tmux.send("y")
    screen = try tmux.waitFor("EXIT=")
    #expect(screen.contains("Your answers to 4 of 4 items were stored"), "\(screen)")
    // Read the store directly (the comment threshold keeps `comments` from showing one comment).
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = [
      "python3", "-c",
      "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); print(db.execute('select text from comment').fetchall()); print(db.execute(\"select item_id, value from answer order by item_id\").fetchall())",
      scratch.path + "/s.sqlite",
    ]
    let out = Pipe()
    python.standardOutput = out
    try python.run()
    let stored = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    python.waitUntilExit()
    #expect(stored.contains("[('bq: mehr Zeit für Kurse',)]"), "\(stored)")
    #expect(stored.contains("('formats', 5.0), ('s1', 4.0), ('s2', 2.0)"), "\(stored)")
  }
}
