import Foundation
import GRDB
import TestSupport
import Testing

/// Respondent attributes end to end: each tool's export imported with its attributes (by
/// header or by question text), kept in the store, and scored from there exactly as from
/// Cultivar's own CSV of the same answers; bad values refused with file, line, column and a
/// suggestion; invitations that set attributes.
@Suite struct AttributeImportCommandTests {
  /// A sandbox holding the attribute fixtures' survey as surveys/attributes.yaml.
  func sandbox(_ backend: Backend = .sqlite) throws -> Sandbox {
    let box = try Sandbox(backend: backend)
    let survey = try String(contentsOfFile: Sandbox.fixture("attributes.yaml"), encoding: .utf8)
    try box.write("surveys/attributes.yaml", survey)
    return box
  }

  static let exports: [(file: String, extra: [String])] = [
    ("qualtrics-attributes.csv", []), ("google-forms-attributes.csv", ["--team-column", "Which team are you in?"]),
    ("surveymonkey-attributes.csv", []), ("ms-forms-attributes.xlsx", []), ("attributes-truth.csv", []),
  ]

  /// Import → store → `score --by` gives the same bytes as `score --by` on the CSV, for every
  /// export format, for an attribute alone, a banded one, and a cut crossed with the teams.
  @Test(arguments: Backend.underTest) func everyExportScoresFromTheStoreAsTheCSVDoes(_ backend: Backend) throws {
    let box = try sandbox(backend)
    let truth = Sandbox.fixture("attributes-truth.csv")
    let cuts = ["location", "tenure", "unit:1,location"]
    var expected: [String: String] = [:]
    for cut in cuts {
      let fromFile = try box.run("score", "surveys/attributes.yaml", "--responses", truth, "--by", cut, "--format", "csv")
      #expect(fromFile.status == 0, "\(fromFile.stderr)")
      expected[cut] = fromFile.stdout
    }
    #expect(expected["location"]!.contains("location: Berlin"))
    #expect(expected["tenure"]!.contains("tenure: 3+"))
    for (n, export) in Self.exports.enumerated() {
      let wave = "w\(n)"
      let imported = try box.run(["import", "surveys/attributes.yaml", Sandbox.fixture(export.file), "--wave", wave] + export.extra)
      #expect(imported.status == 0, "\(export.file): \(imported.stderr)")
      #expect(imported.stdout.contains("40 imported"), "\(export.file): \(imported.stdout)")
      #expect(!imported.stderr.contains("matched no item"), "\(export.file): \(imported.stderr)")
      for cut in cuts {
        let stored = try box.run("score", "surveys/attributes.yaml", "--wave", wave, "--by", cut, "--format", "csv")
        #expect(stored.status == 0, "\(export.file) --by \(cut): \(stored.stderr)")
        #expect(stored.stdout == expected[cut], "\(export.file) --by \(cut)")
      }
    }
  }

  /// `compare --wave --by ATTR` shows the groups `compare --responses --by ATTR` shows, with
  /// the same counts and means to 1e-12 (its sums follow the order of the rows, which the
  /// store does not keep).
  @Test func compareCutsAWaveByItsStoredAttributes() throws {
    let box = try sandbox()
    let truth = Sandbox.fixture("attributes-truth.csv")
    #expect(try box.run("import", "surveys/attributes.yaml", Sandbox.fixture("qualtrics-attributes.csv"), "--wave", "w").status == 0)
    func rows(_ source: [String]) throws -> [[String]] {
      let result = try box.run(["compare", "surveys/attributes.yaml", "--by", "location", "--format", "csv"] + source)
      #expect(result.status == 0, "\(result.stderr)")
      return result.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
    let stored = try rows(["--wave", "w"])
    let file = try rows(["--responses", truth])
    #expect(stored.count == file.count && stored.count > 3)
    #expect(stored.contains { $0.count > 2 && $0[2] == "location: Berlin" })
    for (a, b) in zip(stored, file) {
      #expect(a.prefix(4) == b.prefix(4))
      for (x, y) in zip(a, b) where x != y {
        let (u, v) = (Double(x), Double(y))
        #expect(u != nil && v != nil && abs(u! - v!) <= 1e-12 * max(1, abs(v!)), "\(x) vs \(y)")
      }
    }
  }

  @Test func anUnknownValueIsARowErrorNamingFileLineColumnAndASuggestion() throws {
    let box = try sandbox()
    let items = [
      "sv1", "sv2", "sv3", "sv4", "pm1", "pm2", "pm3", "pm4", "mm1", "mm2", "mm3", "mm4", "tl1", "tl2", "tl3", "tl4", "st1", "st2", "st3", "st4",
    ]
    let header = "respondent_id,team," + items.joined(separator: ",") + ",location,tenure\n"
    let blank = String(repeating: ",", count: items.count - 1)
    try box.write("bad.csv", header + "r1,Sales,4\(blank),Berlin,2\nr2,Sales,4\(blank),Berlim,2\nr3,Sales,4\(blank),Lisbon,two\n")
    let bad = try box.run("import", "surveys/attributes.yaml", "bad.csv", "--wave", "w")
    #expect(bad.status == 65, "\(bad.stderr)")
    #expect(bad.stderr.contains("bad.csv:3"), "\(bad.stderr)")
    #expect(bad.stderr.contains("column 23 'location'"), "\(bad.stderr)")
    #expect(bad.stderr.contains("'Berlim' is not a value of attribute 'location' (did you mean 'Berlin'?)"), "\(bad.stderr)")
    #expect(bad.stderr.contains("bad.csv:4") && bad.stderr.contains("'two' is not a number for attribute 'tenure'"), "\(bad.stderr)")
    #expect(bad.stderr.contains("hint: nothing was imported"))
    // Nothing was stored: the wave does not exist.
    #expect(try box.run("score", "surveys/attributes.yaml", "--wave", "w").status != 0)
    // Skipping the invalid rows imports the valid one and writes the others with reasons.
    let skipped = try box.run("import", "surveys/attributes.yaml", "bad.csv", "--wave", "w", "--skip-invalid")
    #expect(skipped.status == 0, "\(skipped.stderr)")
    #expect(skipped.stdout.contains("1 imported, 2 rejected"), "\(skipped.stdout)")
    let rejects = try String(contentsOfFile: box.path("bad.rejects.csv"), encoding: .utf8)
    #expect(rejects.contains("did you mean 'Berlin'?"))
  }

  @Test func invitationsSetDeclaredAttributesOnly() throws {
    let box = try sandbox()
    // A refused first run creates no store and no wave.
    #expect(try box.run("invite", "surveys/attributes.yaml", "--wave", "w", "--team", "S", "--count", "5", "--attribute", "x=1").status == 64)
    #expect(!FileManager.default.fileExists(atPath: box.path("cultivar.sqlite")))
    func invite(_ extra: String...) throws -> Cultivar.Result {
      try box.run(["invite", "surveys/attributes.yaml", "--wave", "w", "--team", "Sales", "--count", "2"] + extra)
    }
    let ok = try invite("--attribute", "location=Berlin", "--attribute", "tenure=2.5")
    #expect(ok.status == 0, "\(ok.stderr)")
    // Two people with a value the survey's minimum group size (5) does not cover: a warning.
    #expect(ok.stderr.contains("warning: 2 links of team 'Sales' set location=Berlin, tenure=1-3, fewer than the survey's minimum group size (5)"))
    let stored = try sqlite(box, "SELECT name || '=' || value FROM invitation_attribute ORDER BY 1")
    #expect(stored == ["location=Berlin", "location=Berlin", "tenure=1-3", "tenure=1-3"])
    let misspelt = try invite("--attribute", "location=Berlim")
    #expect(misspelt.status == 64)
    #expect(misspelt.stderr.contains("'Berlim' is not a value of attribute 'location' (did you mean 'Berlin'?)"), "\(misspelt.stderr)")
    let unknown = try invite("--attribute", "locaton=Berlin")
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("'locaton' is not an attribute of the survey (did you mean 'location'?)"), "\(unknown.stderr)")
    #expect(try invite("--attribute", "location").stderr.contains("is not NAME=VALUE"))
    #expect(try invite("--attribute", "location=Berlin", "--attribute", "location=Lisbon").stderr.contains("given twice"))
    // The refused runs stored no invitation.
    #expect(try sqlite(box, "SELECT CAST(COUNT(*) AS TEXT) FROM invitation") == ["2"])
  }

  /// A people file's declared attribute columns (any case) give each person's link their
  /// values; names and addresses are never stored; a bad value stops the run before the store.
  @Test func aPeopleFileGivesEachLinkItsPersonsAttributes() throws {
    let box = try sandbox()
    var rows = ["name,email,team,Location,TENURE,notes"]
    for i in 0..<6 { rows.append("Person \(i),p\(i)@example.org,Sales,Berlin,\(i < 4 ? 2 : 4),x") }
    rows += ["Solo,solo@example.org,Sales,Remote,,", "Quiet,quiet@example.org,Sales,,,", "Ops One,ops@example.org,Ops,Lisbon,7,"]
    try box.write("people.csv", rows.joined(separator: "\n") + "\n")
    // A bad value anywhere: nothing is stored, the row, column and value are named.
    try box.write("bad.csv", "name,team,location\nA,Sales,Berlin\nB,Sales,Berlim\n")
    let bad = try box.run("invite", "surveys/attributes.yaml", "--wave", "w", "--people", "bad.csv")
    #expect(bad.status == 65, "\(bad.stderr)")
    #expect(
      bad.stderr.contains("bad.csv:3: error: column 3 'location': 'Berlim' is not a value of attribute 'location' (did you mean 'Berlin'?)"),
      "\(bad.stderr)")
    #expect(bad.stderr.contains("hint:"))
    #expect(!FileManager.default.fileExists(atPath: box.path("cultivar.sqlite")))
    let both = try box.run("invite", "surveys/attributes.yaml", "--wave", "w", "--people", "people.csv", "--attribute", "location=Lisbon")
    #expect(both.status == 64 && both.stderr.contains("the people file has a 'location' column too"), "\(both.stderr)")

    let made = try box.run("invite", "surveys/attributes.yaml", "--wave", "w", "--people", "people.csv")
    #expect(made.status == 0, "\(made.stderr)")
    let lines = made.stdout.split(separator: "\n").dropFirst()
    #expect(lines.count == 9)
    #expect(lines.filter { $0.hasPrefix("Sales (location=Berlin, tenure=1-3) ") }.count == 4, "\(made.stdout)")
    #expect(lines.filter { $0.hasPrefix("Sales (location=Berlin, tenure=3+) ") }.count == 2, "\(made.stdout)")
    #expect(lines.filter { $0.hasPrefix("Sales (location=Remote) ") }.count == 1)
    #expect(lines.filter { $0.hasPrefix("Sales ") && !$0.contains("(") }.count == 1, "no value: the form asks")
    #expect(lines.filter { $0.hasPrefix("Ops (location=Lisbon, tenure=3+) ") }.count == 1)
    // Each token carries its person's values, and groups under the minimum group size are warned about.
    let perToken = try sqlite(
      box,
      "SELECT i.team || ':' || COALESCE((SELECT group_concat(name || '=' || value, ',') FROM (SELECT name, value FROM invitation_attribute a WHERE a.token_hash = i.token_hash ORDER BY name)), '') FROM invitation i ORDER BY 1"
    )
    #expect(
      perToken == [
        "Ops:location=Lisbon,tenure=3+", "Sales:", "Sales:location=Berlin,tenure=1-3", "Sales:location=Berlin,tenure=1-3",
        "Sales:location=Berlin,tenure=1-3", "Sales:location=Berlin,tenure=1-3", "Sales:location=Berlin,tenure=3+",
        "Sales:location=Berlin,tenure=3+", "Sales:location=Remote",
      ], "\(perToken)")
    #expect(made.stderr.contains("warning: 4 links of team 'Sales' set location=Berlin, tenure=1-3, fewer than the survey's minimum group size (5)"))
    #expect(made.stderr.contains("warning: 1 link of team 'Sales' set location=Remote, fewer than"))
    #expect(made.stderr.contains("warning: 2 links of team 'Sales' set location=Berlin, tenure=3+"))
    var bytes = try Data(contentsOf: URL(fileURLWithPath: box.path("cultivar.sqlite")))
    bytes += (try? Data(contentsOf: URL(fileURLWithPath: box.path("cultivar.sqlite-wal")))) ?? Data()
    let stored = String(decoding: bytes, as: UTF8.self)
    for secret in ["Person", "Solo", "example.org", "notes"] { #expect(!stored.contains(secret), "\(secret) is in the store") }
  }
}

/// The rows of a query on the sandbox's SQLite store (one column, as text).
func sqlite(_ box: Sandbox, _ query: String) throws -> [String] {
  try DatabaseQueue(path: box.path("cultivar.sqlite")).read { db in try String.fetchAll(db, sql: query) }
}

/// The web form asks the attributes an invitation does not set, over real HTTP on loopback.
@Suite(.serialized) struct AttributeFormTests {
  @Test func theFormAsksWhatTheInvitationDoesNotSetAndTheInvitationWins() async throws {
    let box = try AttributeImportCommandTests().sandbox()
    func links(_ extra: String...) throws -> [URL] {
      let result = try box.run(
        ["invite", "surveys/attributes.yaml", "--wave", "w", "--team", "Sales", "--count", "1", "--base-url", "http://127.0.0.1:1"] + extra)
      #expect(result.status == 0, "\(result.stderr)")
      return result.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").last.flatMap { URL(string: String($0)) } }
    }
    let berlin = try #require(try links("--attribute", "location=Berlin").first)
    let open = try #require(try links().first)
    let server = try ServeCommandTests.Server(box, wave: "w", survey: "surveys/attributes.yaml")
    defer { server.stop() }
    func link(_ invitation: URL) -> URL { server.base.appendingPathComponent("t").appendingPathComponent(invitation.lastPathComponent) }

    let invitedForm = try await ServeCommandTests.get(link(berlin))
    #expect(invitedForm.status == 200)
    #expect(invitedForm.body.contains("About you (optional)"))
    #expect(invitedForm.body.contains("only for groups of at least 5 people"))
    #expect(invitedForm.body.contains("location: Berlin (set by your invitation)"))
    #expect(!invitedForm.body.contains("name=\"p.location\""))
    #expect(
      invitedForm.body.contains("<select name=\"p.tenure\"><option value=\"\" selected>Prefer not to say</option><option value=\"0\">&lt;1</option>"))
    let ticket = try #require(ServeCommandTests.ticket(in: invitedForm.body))
    // A respondent cannot override the invitation's location, even by sending the field.
    let stored = try await ServeCommandTests.post(link(berlin), "ticket=\(ticket)&a.sv1=4&p.location=2&p.tenure=2")
    #expect(stored.status == 200, "\(stored.body)")

    let openForm = try await ServeCommandTests.get(link(open))
    #expect(openForm.body.contains("name=\"p.location\""))
    let openTicket = try #require(ServeCommandTests.ticket(in: openForm.body))
    // A value that is not one of the attribute's is refused, and nothing is stored.
    #expect(try await ServeCommandTests.post(link(open), "ticket=\(openTicket)&a.sv1=3&p.location=7").status == 400)
    #expect(try await ServeCommandTests.post(link(open), "ticket=\(openTicket)&a.sv1=3&p.location=1&p.tenure=").status == 200)

    let given = try sqlite(box, "SELECT name || '=' || value FROM response_attribute ORDER BY 1")
    #expect(given == ["location=Berlin", "location=Lisbon", "tenure=3+"])
    #expect(try sqlite(box, "SELECT CAST(COUNT(*) AS TEXT) FROM response") == ["2"])
  }
}
