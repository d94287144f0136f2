import Foundation
import Testing

/// The input cases of the robustness issue, end to end through the binary.
@Suite(.serialized) struct InputLimitsCLITests {
  static let survey = "surveys/learning-culture.yaml"

  /// The sample's header and its first 14 rows, with `change` applied to the text.
  static func responses(_ change: (String) -> String) -> String {
    let sample = String(decoding: FileManager.default.contents(atPath: CLI.root.path + "/surveys/sample-responses.csv") ?? Data(), as: UTF8.self)
    // The sample has CRLF line ends; "\r\n" is one Character, so split on normalised text.
    let text = sample.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n").prefix(15).joined(separator: "\n") + "\n"
    let path = NSTemporaryDirectory() + "cultivar-limits-\(UUID().uuidString).csv"
    FileManager.default.createFile(atPath: path, contents: Data(change(text).utf8))
    return path
  }

  @Test func scoreAndCompareReadCROnlyFilesWhole() throws {
    let path = Self.responses { $0.replacingOccurrences(of: "\n", with: "\r") }
    defer { try? FileManager.default.removeItem(atPath: path) }
    for command in ["score", "compare"] {
      let result = try CLI.run([command, Self.survey, "--responses", path, "--format", "json"])
      #expect(result.status == 0, "\(command): \(result.stderr)")
      #expect(result.stdout.contains("\"rows_read\": 14"), "\(command)")
    }
  }

  @Test func aStrayQuoteIsOneRejectedRowForScoreAndCompareAlike() throws {
    // Row 4 (line 4): its fifth cell gets a quote at its end.
    let path = Self.responses { text in
      var lines = text.components(separatedBy: "\n")
      var cells = lines[3].components(separatedBy: ",")
      cells[4] += "\""
      lines[3] = cells.joined(separator: ",")
      return lines.joined(separator: "\n")
    }
    defer { try? FileManager.default.removeItem(atPath: path) }
    for command in ["score", "compare"] {
      let refused = try CLI.run([command, Self.survey, "--responses", path])
      #expect(refused.status != 0 && refused.status < 128, "\(command)")
      #expect(refused.stderr.contains(":4: error: column 5 'sv2':"), "\(command): \(refused.stderr)")
      let rejects = path + ".\(command).rejects.csv"
      defer { try? FileManager.default.removeItem(atPath: rejects) }
      let skipped = try CLI.run([command, Self.survey, "--responses", path, "--skip-invalid", "--rejects", rejects, "--format", "json"])
      #expect(skipped.status == 0, "\(command): \(skipped.stderr)")
      #expect(skipped.stdout.contains("\"rows_read\": 14") && skipped.stdout.contains("\"rows_rejected\": 1"), "\(command)")
    }
  }

  @Test func manyUnknownColumnsGiveAShortError() throws {
    let path = Self.responses { text in
      let junk = (0..<100_000).map { ",junk\($0)" }.joined()
      var lines = text.components(separatedBy: "\n")
      lines[0] += junk
      return lines.prefix(1).joined() + "\n"
    }
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try CLI.run(["score", Self.survey, "--responses", path])
    #expect(result.status != 0 && result.status < 128)
    #expect(result.stderr.contains("... and 99980 more problems"), "\(result.stderr.suffix(300))")
    #expect(result.stderr.utf8.count < 20_000)
  }
}
