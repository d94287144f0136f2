import Foundation
import Statistics

/// One fuzzing run of one target: mutate seeds (and inputs that were slow or new in size),
/// run each, stop at the time or run limit or at the first finding.
struct Campaign {
  let target: FuzzTarget
  let seed: UInt64
  let root: String
  let findings: String

  /// Runs; returns the exit status (0 = nothing found).
  func run(seconds: Double, runs: Int, hangSeconds: Double) -> Int32 {
    var random = SplitMix64(seed: seed)
    var corpus = target.seeds(root: root).filter { !$0.isEmpty }
    if corpus.isEmpty { corpus = [[]] }
    let mutator = Mutator(dictionary: target.dictionary, maxLength: target.maxLength)
    guardRun(findings: findings, target: target.name, hangSeconds: hangSeconds)
    let start = Date()
    var count = 0
    var slowest = 0.0
    var slowestInput: [UInt8] = []
    say("cultivar-fuzz: target \(target.name), seed \(seed), \(corpus.count) seeds, up to \(seconds) s")
    while count < runs, Date().timeIntervalSince(start) < seconds {
      // Seeds first as they are, then mutations.
      let input = count < corpus.count ? corpus[count] : mutator.mutate(corpus.randomElement(using: &random)!, corpus: corpus, random: &random)
      CurrentInput.set(input)
      let began = Date()
      do {
        try target.run(input)
      } catch {
        let path = save(input, kind: "mismatch")
        say("cultivar-fuzz: FINDING in \(target.name) (seed \(seed), run \(count)): \(error)\n  input saved as \(path)")
        endRun(findings: findings, target: target.name)
        return 1
      }
      let took = Date().timeIntervalSince(began)
      if took > slowest { slowestInput = input }
      // Keep inputs that were slow to run: they reach deeper or costlier paths.
      if took > slowest * 0.8, corpus.count < 4096 {
        corpus.append(input)
        slowest = max(slowest, took)
      }
      count += 1
    }
    endRun(findings: findings, target: target.name)
    // The slowest input, to look at (kept apart from findings).
    FileManager.default.createFile(atPath: "\(findings)/slowest-\(target.name).bin", contents: Data(slowestInput))
    let elapsed = Date().timeIntervalSince(start)
    say(
      "cultivar-fuzz: \(target.name): \(count) inputs in \(String(format: "%.1f", elapsed)) s, slowest \(String(format: "%.3f", slowest)) s, no finding (seed \(seed))"
    )
    return 0
  }

  private func save(_ input: [UInt8], kind: String) -> String {
    let path = "\(findings)/\(kind)-\(target.name)-\(seed).bin"
    FileManager.default.createFile(atPath: path, contents: Data(input))
    return path
  }
}
