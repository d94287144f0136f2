import Foundation
import Testing

/// The privacy audit from the command line, and names that must not reach a terminal raw.
@Suite(.serialized) struct PrivacyCommandTests {
  @Test func privacyReportWritesTheAuditAloneForScoreAndCompare() throws {
    let scratch = project()
    for command in ["score", "compare"] {
      let result = try CLI.run([command, "surveys/t.yaml", "--responses", "responses.csv", "--privacy-report", "audit.json"], in: scratch.path)
      #expect(result.status == 0, "\(result.stderr)")
      let audit = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path + "/audit.json"))) as! [String: Any]
      let withheld = audit["withheld"] as! [[String: Any]]
      let tiny = try #require(withheld.first { $0["group"] as? String == "Tiny" })
      #expect(tiny["rule"] as? String == "below_min_group_size")
      #expect(tiny["threshold"] as? Double == 5)
      #expect(tiny["would_show"] as? String == "would be shown with 2 more respondents in Tiny")
      #expect(withheld.contains { $0["rule"] as? String == "complementary" })
      let text = try CLI.run([command, "surveys/t.yaml", "--responses", "responses.csv", "--privacy-report", "audit.txt"], in: scratch.path)
      #expect(text.status == 0)
      let lines = try String(contentsOfFile: scratch.path + "/audit.txt", encoding: .utf8)
      #expect(
        lines.contains(
          "- Tiny (n = 3): scores withheld, fewer than 5 respondents [below_min_group_size, threshold 5]; would be shown with 2 more respondents in Tiny"
        ))
    }
  }

  @Test func aTeamNamedLikeTheOrganisationRowIsRefused() throws {
    let scratch = project(csv: responses().replacingOccurrences(of: ",Tiny,", with: ",(All Teams),"))
    let result = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv"], in: scratch.path)
    #expect(result.status == 65)
    #expect(result.stderr.contains("error: the responses have a team named '(All Teams)', the label of the organisation row"))
    #expect(result.stdout.isEmpty)
  }

  @Test func errorMessagesShowControlCharactersAsText() throws {
    let scratch = project(csv: responses().replacingOccurrences(of: ",Tiny,", with: ",(all\u{1b}\u{07}teams),"))
    let result = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv"], in: scratch.path)
    #expect(result.status == 65)
    // Refused at reading (the team cell) or as the organisation's label: either way no raw byte.
    #expect(result.stderr.contains("error:"), "\(result.stderr)")
    #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x07 })
  }
}
