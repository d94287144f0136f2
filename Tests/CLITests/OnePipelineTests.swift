import Foundation
import Testing

/// Issue 11, item 2: every command reads responses through the one scoring pipeline (Scoring's
/// ParallelScoring), whatever the source. A store's wave is now scored on several threads like
/// a file; the numbers must not depend on how many, and must match the file's.
@Suite struct OnePipelineTests {
  @Test func aWaveScoresToTheSameBytesForAnyNumberOfJobs() throws {
    let box = try Sandbox()
    try box.write("big.csv", KillDuringImportTests.bigFile(rows: 7000))
    let imported = try box.run("import", "surveys/learning-culture.yaml", "big.csv", "--wave", "w")
    #expect(imported.status == 0, "\(imported.stderr)")
    var outputs: [String] = []
    for jobs in ["1", "2", "5"] {
      let run = try box.run("score", "surveys/learning-culture.yaml", "--wave", "w", "--format", "json", "--jobs", jobs)
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stderr.contains("wave 'w': 7000 rows read, 7000 used"), "\(run.stderr)")
      outputs.append(run.stdout)
    }
    #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2], "a wave's results depend on --jobs")
    let fromFile = try box.run("score", "surveys/learning-culture.yaml", "--responses", "big.csv", "--format", "csv")
    let fromStore = try box.run("score", "surveys/learning-culture.yaml", "--wave", "w", "--format", "csv", "--jobs", "3")
    #expect(ImportCommandTests.sameCSV(fromStore.stdout, fromFile.stdout))
  }
}
