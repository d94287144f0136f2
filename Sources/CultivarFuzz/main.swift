import Foundation
import SurveyIO

/// `cultivar-fuzz`: the seeded mutation fuzzer of Cultivar's input readers, and the CSV
/// token dump the differential test against Python's `csv` module reads.
///
///     cultivar-fuzz run TARGET [--seconds N] [--runs N] [--seed N] [--findings DIR] [--root DIR]
///     cultivar-fuzz replay TARGET FILE...
///     cultivar-fuzz tokens FILE...      (one JSON line per file)
///     cultivar-fuzz list
///
/// Exit status: 0 when nothing was found, 1 for a broken invariant, 3 for a hang, a signal
/// for a crash (the input is saved in the findings folder in every case), 64 for bad usage.
let usage =
  "usage: cultivar-fuzz run TARGET [--seconds N] [--runs N] [--seed N] [--findings DIR] [--root DIR] | replay TARGET FILE... | tokens FILE... | list"

/// Prints a line unbuffered, so a crash or a hang still leaves the seed and progress in a log.
func say(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data((message + "\n").utf8))
  exit(64)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first else { fail(usage) }
arguments.removeFirst()

@MainActor func option(_ name: String) -> String? {
  guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
  let value = arguments[i + 1]
  arguments.removeSubrange(i...(i + 1))
  return value
}

func target(_ name: String?) -> FuzzTarget {
  guard let name, let target = targets.first(where: { $0.name == name }) else {
    fail("unknown target '\(name ?? "")'; targets: \(targets.map(\.name).joined(separator: ", "))")
  }
  return target
}

switch mode {
case "list":
  for target in targets { say(target.name) }
case "tokens":
  for path in arguments { say(TokenDump.json(path: path)) }
case "replay":
  let chosen = target(arguments.first)
  var failures = 0
  guardRun(findings: ".build/fuzz-findings", target: chosen.name, hangSeconds: 20)
  for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    CurrentInput.set(Array(data))
    do {
      try chosen.run(Array(data))
      say("ok: \(path)")
    } catch {
      failures += 1
      say("FAIL: \(path): \(error)")
    }
  }
  endRun(findings: ".build/fuzz-findings", target: chosen.name)
  exit(failures == 0 ? 0 : 1)
case "run":
  let seconds = Double(option("--seconds") ?? "") ?? 10
  let runs = Int(option("--runs") ?? "") ?? Int.max
  let seed = UInt64(option("--seed") ?? "") ?? UInt64(Date().timeIntervalSince1970)
  let findings = option("--findings") ?? ".build/fuzz-findings"
  let root = option("--root") ?? "."
  let hang = Double(option("--hang-seconds") ?? "") ?? 20
  let chosen = target(arguments.first)
  exit(Campaign(target: chosen, seed: seed, root: root, findings: findings).run(seconds: seconds, runs: runs, hangSeconds: hang))
default:
  fail(usage)
}
