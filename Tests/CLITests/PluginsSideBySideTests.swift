import Foundation
import Testing

/// `plugins check` loads and rehearses its plugins side by side, each in its own Lua state.
/// Its output must be what loading them one after another gives, whichever finishes first.
@Suite struct PluginsSideBySideTests {
  /// Eight plugins, each logging while it loads and taking uneven time to load, one of them
  /// broken: the log lines and the verdicts of the others come in file order, run after run.
  @Test func checkShowsEachFileInFileOrder() throws {
    let scratch = Scratch()
    var files: [String] = []
    for n in 0..<8 {
      var source =
        "local x = 0\nfor i = 1, \(n % 2 == 0 ? 300_000 : 10) do x = x + i end\nprint('loading p\(n)')\n"
        + trustPlugin.replacingOccurrences(of: "api = 1, id = 'trust'", with: "api = 1, id = 'p\(n)'")
      if n == 5 { source = source.replacingOccurrences(of: "dimension = 'voice'", with: "dimension = 'vocie'") }
      scratch.write("side/p\(n).lua", source)
      files.append("side/p\(n).lua")
    }
    let passing = (0..<8).filter { $0 != 5 }
    for _ in 0..<3 {
      let result = try CLI.run(["plugins", "check"] + files, in: scratch.path)
      #expect(result.status == 78, "\(result.stderr)")
      let logs = result.stderr.split(separator: "\n").filter { $0.hasPrefix("log: ") }.map(String.init)
      #expect(logs == passing.map { "log: side/p\($0).lua:3: loading p\($0)" }, "\(result.stderr)")
      let verdicts = result.stdout.split(separator: "\n").filter { $0.hasPrefix("ok: ") }.map {
        $0.split(separator: " ").prefix(3).joined(separator: " ")
      }
      #expect(verdicts == passing.map { "ok: side/p\($0).lua (p\($0)" }, "\(result.stdout)")
      #expect(result.stderr.contains("side/p5.lua") && result.stderr.contains("vocie"), "\(result.stderr)")
    }
  }
}
