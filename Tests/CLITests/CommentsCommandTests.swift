import Foundation
import Testing

/// `cultivar comments` and `cultivar selections` on the bundled example
/// (surveys/examples/comments: plugin learning-voice, 66 respondents in 4 teams).
@Suite(.serialized) struct CommentsCommandTests {
  static let example = CLI.root.appendingPathComponent("surveys/examples/comments").path
  static let fixtures = CLI.root.appendingPathComponent("Tests/ImportersTests/Fixtures").path

  func comments(_ extra: [String], in directory: String = example) throws -> CLIResult {
    try CLI.run(["comments", "voice.yaml", "--responses", "responses.csv"] + extra, in: directory)
  }

  /// The response file's rows: (team, comment, formats cell), read with the one CSV reader's
  /// rules kept simple: the example quotes fields only where needed.
  func exampleRows() throws -> [(team: String, comment: String)] {
    let text = try String(contentsOfFile: Self.example + "/responses.csv", encoding: .utf8)
    var rows: [(String, String)] = []
    var fields: [String] = []
    var field = ""
    var quoted = false
    var iterator = Array(text).makeIterator()
    var previousQuote = false
    while let c = iterator.next() {
      if quoted {
        if c == "\"" {
          quoted = false
          previousQuote = true
          continue
        }
        field.append(c)
        continue
      }
      if c == "\"" {
        if previousQuote { field.append("\"") }
        quoted = true
        previousQuote = false
        continue
      }
      previousQuote = false
      if c == "," {
        fields.append(field)
        field = ""
      } else if c == "\n" {
        fields.append(field)
        rows.append((fields[1], fields[4]))
        fields = []
        field = ""
      } else {
        field.append(c)
      }
    }
    return Array(rows.dropFirst())
  }

  /// The comments listed under a group's heading in the text report.
  func listed(_ report: String, group: String) -> [String] {
    let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(where: { $0.hasPrefix("\(group) (") }) else { return [] }
    var out: [String] = []
    for line in lines[(start + 1)...] {
      if line.hasPrefix("  - ") {
        out.append(String(line.dropFirst(4)))
      } else if line.hasPrefix("    ") {
        out[out.count - 1] += "\n" + line.dropFirst(4)
      } else if !line.hasPrefix("  Themes:") {
        break
      }
    }
    return out
  }

  @Test func commentsAreShownOnlyForGroupsWithEnoughCommenters() throws {
    let result = try comments(["--seed", "1"])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = try exampleRows()
    let commenters = Dictionary(grouping: rows.filter { !$0.comment.isEmpty }, by: \.team).mapValues(\.count)
    #expect(result.stdout.contains("Engineering (\(commenters["Engineering"]!) commenters):"))
    #expect(commenters["Finance"]! < 10 && commenters["Legal"]! < 10)
    #expect(result.stdout.contains("Finance (\(commenters["Finance"]!) commenters): comments withheld, fewer commenters than the comment threshold"))
    // Sales has enough commenters, but with it shown, the organisation minus Engineering and
    // Sales would be Finance and Legal's 7 comments.
    #expect(
      result.stdout.contains("Sales (\(commenters["Sales"]!) commenters): comments withheld, protects a smaller group's comments from subtraction"))
    #expect(listed(result.stdout, group: "Engineering").count == commenters["Engineering"])
    #expect(listed(result.stdout, group: "Sales").isEmpty && listed(result.stdout, group: "Finance").isEmpty)
    #expect(listed(result.stdout, group: "(all teams)").count == rows.filter { !$0.comment.isEmpty }.count)
  }

  @Test func theThresholdCanBeRaisedButNotLowered() throws {
    let raised = try comments(["--min-comments", "25"])
    #expect(raised.status == 0)
    #expect(raised.stdout.contains("Engineering (20 commenters): comments withheld, fewer commenters than the comment threshold"))
    let lowered = try comments(["--min-comments", "5"])
    #expect(lowered.status == 64)
    #expect(lowered.stderr.contains("error: --min-comments 5 is below 10: the comment threshold can only be raised"))
    #expect(lowered.stderr.contains("hint: leave --min-comments out, or give a number of at least 10"))
  }

  @Test func commentsComeInARandomOrderNotTheFileOrder() throws {
    let inFile = try exampleRows().filter { $0.team == "Engineering" && !$0.comment.isEmpty }.map(\.comment)
    var orders = Set<[String]>()
    for seed in 1...5 {
      let shown = listed(try comments(["--seed", String(seed), "--names", "names.txt"]).stdout, group: "Engineering")
      orders.insert(shown)
    }
    #expect(orders.count >= 4, "five seeds gave \(orders.count) orders")
    let scrub = { (text: String) in text.replacingOccurrences(of: "Anna Berg", with: "[name]").replacingOccurrences(of: "Tom's", with: "[name]'s") }
    #expect(!orders.contains(inFile.map(scrub)))
    // The same comments, only in another order.
    for order in orders {
      #expect(
        order.sorted()
          == inFile.map(scrub).map {
            $0.replacingOccurrences(of: "+44 20 7946 0958", with: "[phone]").replacingOccurrences(of: "jo.doe@example.org", with: "[e-mail]")
          }.sorted())
    }
    // Without --seed, two runs differ (probability of a tie 1/20!).
    #expect(listed(try comments([]).stdout, group: "(all teams)") != listed(try comments([]).stdout, group: "(all teams)"))
  }

  @Test func emailsPhonesAndListedNamesAreReplaced() throws {
    let result = try comments(["--names", "names.txt", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    for secret in ["jo.doe@example.org", "7946", "Anna Berg", "Tom's"] { #expect(!result.stdout.contains(secret), "\(secret)") }
    for placeholder in ["[e-mail]", "[phone]", "[name]"] { #expect(result.stdout.contains(placeholder)) }
  }

  @Test func themeCountsMatchAnIndependentCountAndFollowTheThreshold() throws {
    let result = try comments(["--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let item = try #require((json["items"] as? [[String: Any]])?.first)
    let groups = try #require(item["groups"] as? [[String: Any]])
    let keywords = [
      "time": ["time", "busy", "hours", "workload"], "manager": ["manager", "lead", "boss"],
      "tools": ["course", "courses", "platform", "licence", "books"],
    ]
    let rows = try exampleRows()
    for group in groups {
      let name = group["name"] as! String
      guard group["withheld"] is NSNull else {
        #expect(group["theme_counts"] is NSNull && group["comments"] is NSNull, "\(name)")
        continue
      }
      let texts = rows.filter { (name == "(all teams)" || $0.team == name) && !$0.comment.isEmpty }.map { $0.comment.lowercased() }
      let counts = try #require(group["theme_counts"] as? [String: Int])
      for (theme, words) in keywords {
        let expected = texts.count { text in
          let tokens = Set(text.split { !$0.isLetter && !$0.isNumber }.map(String.init))
          return words.contains(where: tokens.contains)
        }
        #expect(counts[theme] == expected, "\(name) \(theme)")
      }
    }
  }

  @Test func aCommentersRowIsNeverRejectedAndNoCommentLeavesThroughGroupOutputs() throws {
    let scratch = Scratch()
    scratch.write("voice.yaml", try String(contentsOfFile: Self.example + "/voice.yaml", encoding: .utf8))
    // A third rating, so that drivers has two candidates.
    let plugin = try String(contentsOfFile: Self.example + "/plugins/learning-voice.lua", encoding: .utf8)
    scratch.write(
      "plugins/learning-voice.lua",
      plugin.replacingOccurrences(
        of: "    { id = \"wish\"", with: "    { id = \"s3\", text = \"I try new things.\", dimension = \"support\" },\n    { id = \"wish\""))
    // Comments that look like numbers, labels, formulas, options or CSV syntax; one row has a
    // bad rating (rejected for it, with its comment withheld from the rejects file).
    let secrets = ["5", "SECRET Strongly agree", "=HYPERLINK(\"x\")", "workshops", "a, b; \"c\"\nd", "SECRET-ÜBER-42"]
    var lines = ["respondent_id,team,s1,s2,s3,wish,formats"]
    for i in 0..<24 {
      let secret = secrets[i % secrets.count]
      let quoted = "\"" + secret.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      lines.append("r\(i),\(i % 2 == 0 ? "A" : "B"),\(i % 5 + 1),\((i * 7) % 5 + 1),\((i * 3) % 4 + 1),\(quoted),workshops;mentoring")
    }
    lines.append("bad,A,Maybe,3,3,\"SECRET-IN-REJECT\",")
    scratch.write("responses.csv", lines.joined(separator: "\n") + "\n")
    let score = try CLI.run(["score", "voice.yaml", "--responses", "responses.csv", "--skip-invalid"], in: scratch.path)
    #expect(score.stderr.contains("25 rows read, 24 used, 1 rejected"), "\(score.stderr)")
    let rejects = try #require(scratch.read("responses.rejects.csv"))
    #expect(!rejects.contains("SECRET") && rejects.contains("(comment withheld)"))
    var outputs: [String] = []
    for format in ["table", "csv", "json"] {
      outputs.append(
        try CLI.run(["score", "voice.yaml", "--responses", "responses.csv", "--skip-invalid", "--format", format], in: scratch.path).stdout)
      outputs.append(try CLI.run(["selections", "voice.yaml", "--responses", "responses.csv", "--format", format], in: scratch.path).stdout)
    }
    for format in ["table", "csv", "json", "html"] {
      outputs.append(
        try CLI.run(["compare", "voice.yaml", "--responses", "responses.csv", "--skip-invalid", "--format", format], in: scratch.path).stdout)
    }
    for format in ["csv", "json"] {
      outputs.append(
        try CLI.run(
          ["drivers", "voice.yaml", "--responses", "responses.csv", "--skip-invalid", "--outcome", "s1", "--items", "--format", format],
          in: scratch.path
        ).stdout)
    }
    #expect(outputs.allSatisfy { !$0.isEmpty })
    for output in outputs {
      for needle in ["SECRET", "HYPERLINK", "a, b"] { #expect(!output.contains(needle), "\(needle) in\n\(output.prefix(300))") }
    }
    // Imported into a wave, the comments are stored apart: trend and score of the wave show none either.
    let imported = try CLI.run(["import", "voice.yaml", "responses.csv", "--wave", "w1", "--store", "s.sqlite", "--skip-invalid"], in: scratch.path)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(!(scratch.read("responses.rejects.csv") ?? "").contains("SECRET"))
    for arguments in [
      ["score", "voice.yaml", "--wave", "w1", "--store", "s.sqlite", "--format", "json"],
      ["trend", "voice.yaml", "--waves", "w1", "--store", "s.sqlite", "--format", "csv"],
    ] {
      let output = try CLI.run(arguments, in: scratch.path)
      #expect(output.status == 0, "\(output.stderr)")
      #expect(!output.stdout.contains("SECRET"))
    }
    let stored = try CLI.run(["comments", "voice.yaml", "--wave", "w1", "--store", "s.sqlite"], in: scratch.path)
    #expect(stored.status == 0, "\(stored.stderr)")
    #expect(stored.stdout.contains("(all teams) (24 commenters):"))
    #expect(stored.stdout.contains("SECRET-ÜBER-42"))
  }

  @Test func importedFromGoogleFormsTheWavesCommentsAndSelectionsAreReported() throws {
    let scratch = Scratch()
    let imported = try CLI.run(
      [
        "import", "\(Self.example)/voice.yaml", "\(Self.fixtures)/google-forms-multi.csv", "--wave", "w", "--store", "s.sqlite",
        "--plugins", "\(Self.example)/plugins", "--team-column", "Which team are you in?",
      ], in: scratch.path)
    #expect(imported.status == 0, "\(imported.stderr)")
    let selections = try CLI.run(
      ["selections", "\(Self.example)/voice.yaml", "--wave", "w", "--store", "s.sqlite", "--plugins", "\(Self.example)/plugins", "--format", "csv"],
      in: scratch.path)
    #expect(selections.status == 0, "\(selections.stderr)")
    #expect(selections.stdout.contains("formats,Legal,4,workshops,Workshops,,,below_min_group_size"))
    let comments = try CLI.run(
      ["comments", "\(Self.example)/voice.yaml", "--wave", "w", "--store", "s.sqlite", "--plugins", "\(Self.example)/plugins"], in: scratch.path)
    #expect(comments.status == 0, "\(comments.stderr)")
    #expect(comments.stdout.contains("(all teams) (25 commenters):"))
  }

  @Test func aBadMultiSelectCellIsNamedWithItsRowAndColumn() throws {
    let scratch = Scratch()
    for name in ["voice.yaml", "plugins/learning-voice.lua"] {
      scratch.write(name, try String(contentsOfFile: Self.example + "/" + name, encoding: .utf8))
    }
    scratch.write("responses.csv", "respondent_id,team,s1,s2,wish,formats\nr1,A,1,1,fine,Juggling\n")
    let result = try CLI.run(["selections", "voice.yaml", "--responses", "responses.csv"], in: scratch.path)
    #expect(result.status == 65, "\(result.status)")
    #expect(
      result.stderr.contains("responses.csv:2: error: column 6 'formats': 'Juggling' in 'Juggling' is not an option of multi-select item 'formats'"),
      "\(result.stderr)")
    #expect(result.stderr.contains("hint: fix the rows, or run with --skip-invalid"))
    #expect(!result.stderr.contains("fine"))
  }

  /// Both commands word a survey without their items, and an unknown format, the same way.
  @Test func aSurveyWithoutTheItemsOrAnUnknownFormatIsAUsageError() throws {
    let sample = ["surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv"]
    for (command, kind, declaration) in [("comments", "comment", "type = \"text\""), ("selections", "multi-select", "type = \"multi\" and options")] {
      let result = try CLI.run([command] + sample)
      #expect(result.status == 64, "\(command): \(result.status)")
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.contains("error: survey 'learning-culture' has no \(kind) items"), "\(result.stderr)")
      #expect(result.stderr.contains("hint: a plugin declares one with \(declaration) in its items (docs/plugins.md)"), "\(result.stderr)")
    }
    for (command, formats) in [("comments", "table, json"), ("selections", "table, csv, json")] {
      let result = try CLI.run([command, "voice.yaml", "--responses", "responses.csv", "--format", "xml"], in: Self.example)
      #expect(result.status == 64, "\(command): \(result.status)")
      #expect(result.stderr.contains("error: unknown format 'xml'"), "\(result.stderr)")
      #expect(result.stderr.contains("hint: use one of: \(formats)"), "\(result.stderr)")
    }
  }
}

/// `comments --by unit:N`: units are decided against the teams' own decisions.
@Suite(.serialized) struct CommentsByUnitTests {
  func run(_ teams: [(String, Int)]) throws -> CLIResult {
    let scratch = Scratch()
    let example = CommentsCommandTests.example
    for name in ["voice.yaml", "plugins/learning-voice.lua"] {
      scratch.write(name, try String(contentsOfFile: example + "/" + name, encoding: .utf8))
    }
    var lines = ["respondent_id,team,s1,s2,wish,formats"]
    for (team, commenters) in teams {
      for i in 0..<commenters { lines.append("\(team)-\(i),\(team),3,3,comment \(i) of \(team),") }
    }
    scratch.write("responses.csv", lines.joined(separator: "\n") + "\n")
    return try CLI.run(["comments", "voice.yaml", "--responses", "responses.csv", "--by", "unit:1", "--seed", "1"], in: scratch.path)
  }

  @Test func unitsPoolTheirTeams() throws {
    let result = try run([("Eng/A", 12), ("Eng/B", 12), ("Ops/C", 15)])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Eng (24 commenters):") && result.stdout.contains("Ops (15 commenters):"))
    #expect(result.stdout.contains("comment 3 of Eng/B"))
  }

  @Test func aUnitWhoseTeamsAreWithheldShowsOnlyWhatTheTeamsRunAlreadyReveals() throws {
    // Teams: B (4) is withheld, so A (12) is too (the organisation minus C would be A + B);
    // the unit Eng (A + B, 16) is the organisation minus C, which the teams' run shows.
    let result = try run([("Eng/A", 12), ("Eng/B", 4), ("Ops/C", 15)])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Eng (16 commenters):"))
    // Two units of one team each, below the threshold: withheld, and so the other.
    let small = try run([("Eng/A", 9), ("Ops/C", 30)])
    #expect(small.stdout.contains("Eng (9 commenters): comments withheld"))
    #expect(small.stdout.contains("Ops (30 commenters): comments withheld"))
    #expect(small.stdout.contains("(all teams) (39 commenters):"))
  }
}

/// Comments and selections of several cuts of one wave come from one decision: no difference
/// of what two cuts show isolates the comments or selections of fewer respondents than the
/// threshold (a group and its parent; a unit of one level and one of another).
@Suite(.serialized) struct CommentsAcrossCutsTests {
  /// Rows of teams (path, respondents): each writes a comment and ticks the first option.
  func scratch(_ teams: [(String, Int)]) throws -> Scratch {
    let scratch = Scratch()
    let example = CommentsCommandTests.example
    for name in ["voice.yaml", "plugins/learning-voice.lua"] {
      scratch.write(name, try String(contentsOfFile: example + "/" + name, encoding: .utf8))
    }
    var lines = ["respondent_id,team,s1,s2,wish,formats"]
    for (team, n) in teams {
      for i in 0..<n { lines.append("\(team)-\(i),\(team),3,3,comment \(i) of \(team),workshops") }
    }
    scratch.write("responses.csv", lines.joined(separator: "\n") + "\n")
    return scratch
  }

  /// What each cut shows: per group, its comments (or selection counts), nil when withheld.
  func shown(_ command: String, _ cut: String, in scratch: Scratch) throws -> [String: [String]?] {
    let result = try CLI.run(
      [command, "voice.yaml", "--responses", "responses.csv", "--by", cut, "--format", "json"] + (command == "comments" ? ["--seed", "1"] : []),
      in: scratch.path)
    #expect(result.status == 0, "\(result.stderr)")
    let root = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    var out: [String: [String]?] = [:]
    for item in root["items"] as? [[String: Any]] ?? [] {
      for group in item["groups"] as? [[String: Any]] ?? [] {
        let name = group["name"] as? String ?? group["team"] as? String ?? "?"
        if command == "comments" {
          // updateValue: a withheld group's nil is a value, not a removal.
          out.updateValue((group["comments"] as? [String]).map { $0.sorted() }, forKey: name)
        } else {
          let withheld = !(group["withheld"] is NSNull) && group["withheld"] != nil
          out.updateValue(withheld ? nil : [String(describing: group["n"] ?? "")], forKey: name)
        }
      }
    }
    return out
  }

  /// Eng/X (a team of 12 and two withheld ones of 6 and 5) and Eng/Y (a team of 4) under Eng;
  /// Ops/Z (30, 5, 5) and Ops/W (6) under Ops. Each run on its own isolates no one, but before,
  /// `--by unit:1` showed Eng (27) and `--by unit:2` showed Eng/X (23): Eng minus Eng/X was
  /// Eng/Y's 4 comments. Now one decision over every level withholds Eng/X.
  @Test func aParentMinusAChildOfAnotherCutRevealsNoComments() throws {
    let scratch = try scratch([
      ("Eng/X/a", 12), ("Eng/X/b1", 6), ("Eng/X/b2", 5), ("Eng/Y/c", 4), ("Ops/Z/d", 30), ("Ops/Z/z1", 5), ("Ops/Z/z2", 5), ("Ops/W/w", 6),
    ])
    let level1 = try shown("comments", "unit:1", in: scratch)
    let level2 = try shown("comments", "unit:2", in: scratch)
    let teams = try shown("comments", "team", in: scratch)
    #expect(level2["Eng/Y"]! == nil)
    // Every difference of a shown group and a shown group inside it is empty or ≥ 10 comments.
    let all = [level1, level2, teams].flatMap { $0.compactMap { name, texts in texts.map { (name, Set($0)) } } }
    for (a, big) in all {
      for (b, small) in all where small.isSubset(of: big) {
        let rest = big.subtracting(small).count
        #expect(rest == 0 || rest >= 10, "\(a) minus \(b) shows \(rest) comments")
      }
    }
    #expect(level1["Eng"]! != nil, "the parent stays shown; its child is withheld")
  }

  /// The same with selections (threshold 5), half the sizes: before, Eng (13) and Eng/X (11)
  /// were both shown, and their difference was Eng/Y's 2 respondents' selections.
  @Test func aParentMinusAChildOfAnotherCutRevealsNoSelections() throws {
    let scratch = try scratch([
      ("Eng/X/a", 6), ("Eng/X/b1", 3), ("Eng/X/b2", 2), ("Eng/Y/c", 2), ("Ops/Z/d", 15), ("Ops/Z/z1", 3), ("Ops/Z/z2", 2), ("Ops/W/w", 3),
    ])
    let level1 = try shown("selections", "unit:1", in: scratch)
    let level2 = try shown("selections", "unit:2", in: scratch)
    #expect(level2["Eng/Y"]! == nil)
    #expect(level1["Eng"]! == nil || level2["Eng/X"]! == nil, "Eng minus Eng/X would be Eng/Y's selections")
  }
}

/// A plugin's `classify(comment)` hook decides the themes; what it logs is never shown.
@Suite(.serialized) struct ClassifyHookCLITests {
  @Test func theHookSeesScrubbedCommentsAndItsThemesAreCounted() throws {
    let scratch = Scratch()
    let example = CommentsCommandTests.example
    scratch.write("voice.yaml", try String(contentsOfFile: example + "/voice.yaml", encoding: .utf8))
    let plugin = try String(contentsOfFile: example + "/plugins/learning-voice.lua", encoding: .utf8)
      .replacingOccurrences(
        of: "  themes = {",
        with: """
            classify = function(comment)
              cultivar.log("saw: " .. comment)
              if comment:find("[e-mail]", 1, true) then return { "tools" } end
              if #comment > 20 then return { "time", "manager" } end
              return nil
            end,
            themes = {
          """)
    scratch.write("plugins/learning-voice.lua", plugin)
    var lines = ["respondent_id,team,s1,s2,wish,formats"]
    for i in 0..<12 {
      lines.append("r\(i),A,3,3,\(i < 4 ? "mail me: p\(i)@example.org" : i < 9 ? "a comment longer than twenty characters" : "short"),")
    }
    scratch.write("responses.csv", lines.joined(separator: "\n") + "\n")
    let result = try CLI.run(["comments", "voice.yaml", "--responses", "responses.csv", "--format", "json"], in: scratch.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stderr.contains("saw:") && !result.stdout.contains("saw:"))
    #expect(result.stderr.contains("note: plugin hooks wrote 12 log lines while classifying comments; they are not shown"), "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let groups = try #require(((json["items"] as? [[String: Any]])?.first)?["groups"] as? [[String: Any]])
    for group in groups {
      #expect(group["theme_counts"] as? [String: Int] == ["time": 5, "manager": 5, "tools": 4], "\(group)")
    }
  }
}
