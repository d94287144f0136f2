import Foundation
import Testing

/// Every command a reader reads, run with `--lang de` on the multilingual example: nothing of
/// Cultivar's own is left in English (standard output, standard error, and the HTML pages'
/// visible text). Names and data stay as they are: the plugin's `source` line, the comments,
/// command names, rule ids (`below_min_group_size`), file names.
@Suite struct GermanReportsCLITests {
  static let folder = "surveys/examples/multilingual"

  /// English words of Cultivar's reports (case-sensitive, whole words): German uses none of
  /// them ("Index" and "Organisation" are German too, so only their English spellings count).
  static let english: Set<String> = [
    "would", "shown", "withheld", "respondent", "respondents", "rows", "read", "used", "rejected", "Privacy", "threshold", "comments",
    "Comments", "commenters", "Group", "group", "suppressed", "mapping", "wave", "waves", "Waves", "per", "index", "Outcome", "Drivers",
    "drivers", "Mean", "Reliability", "Source", "Band", "Advice", "Measure", "Nothing", "Baseline", "written", "wrote", "pages", "page",
    "unit", "units", "engine", "the", "and", "of", "with", "more", "each", "when", "than", "fewer", "team's", "organisation",
  ]

  /// The text a reader sees: HTML without its styles, scripts and tags.
  static func visible(_ text: String) -> String {
    var text = text
    for pattern in ["(?s)<style.*?</style>", "(?s)<script.*?</script>", "(?s)<[^>]+>"] {
      text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
    }
    return text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
  }

  /// The English words left in `text` once `data` (names and texts from the inputs), command
  /// names, options, rule ids and paths are taken out.
  static func englishWords(_ text: String, data: [String]) -> [String] {
    var text = text
    for piece in data where !piece.isEmpty { text = text.replacingOccurrences(of: piece, with: " ") }
    for pattern in ["cultivar[ .][a-z-]+", "--[a-z-]+", "`[^`]*`", "[^\\s\\[\\],]*[_/][^\\s\\[\\],]*", "[\\w-]+\\.(html|csv|yaml|sqlite|json)"] {
      text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
    }
    let words = text.components(separatedBy: CharacterSet.letters.union(CharacterSet(charactersIn: "'")).inverted)
    return words.filter { english.contains($0.trimmingCharacters(in: CharacterSet(charactersIn: "'"))) }
  }

  @Test func nothingOfCultivarsOwnIsEnglishInAGermanRun() throws {
    let box = try Sandbox()
    let survey = "\(Self.folder)/survey.yaml"
    let responses = "\(Self.folder)/responses.csv"
    let read = { (name: String) in try? String(contentsOf: box.url.appendingPathComponent(name), encoding: .utf8) }
    // The example with a comment item in its four languages, and comments in several languages
    // (every Platform respondent's, so one group reaches the comment threshold of 10).
    let plugin = try #require(read("\(Self.folder)/plugins/learning-habits.lua"))
    try box.write(
      "\(Self.folder)/plugins/learning-habits.lua",
      plugin.replacingOccurrences(
        of: "  },\n  measures = {",
        with: """
              { id = "wish", type = "text", text = { en = "What one thing would help you learn more?",
                de = "Was würde Ihnen am meisten helfen, mehr zu lernen?", fr = "Qu'est-ce qui vous aiderait à apprendre ?",
                es = "¿Qué le ayudaría a aprender más?" } },
            },
            measures = {
          """))
    let said = ["Mehr Zeit für Kurse im Sprint.", "Un mentor dans l'équipe.", "Feedback after each release, please.", "Menos reuniones."]
    var comments: [String] = []
    for file in ["responses.csv", "responses-autumn.csv"] {
      let lines = try #require(read("\(Self.folder)/\(file)")).split(whereSeparator: \.isNewline).map(String.init)
      let rows = lines.dropFirst().enumerated().map { i, line -> String in
        guard line.contains(",Platform,") || i % 4 == 0 else { return line + "," }
        comments.append(said[i % said.count])
        return line + ",\"" + said[i % said.count] + "\""
      }
      try box.write("\(Self.folder)/\(file)", ([lines[0] + ",wish"] + rows).joined(separator: "\n") + "\n")
    }
    for (wave, file) in [("2026-spring", "responses.csv"), ("2026-autumn", "responses-autumn.csv")] {
      let imported = try box.run("import", survey, "\(Self.folder)/\(file)", "--wave", wave)
      #expect(imported.status == 0, "\(imported.stderr)")
    }
    // The data: the plugin's source line, every comment, an option label that is English too.
    let source = try #require(plugin.components(separatedBy: "source = \"").dropFirst().first?.components(separatedBy: "\"").first)
    let data = [source, "Mentoring"] + Set(comments).sorted { $0.count > $1.count }
    let runs: [[String]] = [
      ["score", survey, "--responses", responses],
      ["compare", survey, "--responses", responses],
      ["compare", survey, "--responses", responses, "--format", "md"],
      ["compare", survey, "--responses", responses, "--format", "html"],
      ["trend", survey, "--waves", "2026-spring,2026-autumn"],
      ["drivers", survey, "--responses", responses, "--outcome", "index", "--by", "team", "--bootstrap", "50"],
      ["drivers", survey, "--responses", responses, "--outcome", "index", "--by", "team", "--bootstrap", "50", "--format", "html"],
      ["comments", survey, "--responses", responses, "--seed", "7"],
      ["selections", survey, "--responses", responses],
      ["score", survey, "--wave", "2026-autumn"],
      ["comments", survey, "--wave", "2026-autumn", "--seed", "7"],
      ["report", survey, "--wave", "2026-autumn", "--per-unit", "pack"],
    ]
    var checked = 0
    var commentsShown = false
    for arguments in runs {
      let result = try Cultivar.run(arguments + ["--lang", "de"], in: box.url)
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
      var texts = [("stdout", Self.visible(result.stdout)), ("stderr", result.stderr)]
      if arguments[0] == "comments" { commentsShown = said.contains { result.stdout.contains($0) } }
      if arguments[0] == "report" {
        for page in ["index.html", "data.html", "design.html", "platform.html"] {
          texts.append((page, Self.visible(try #require(read("pack/\(page)"), "pack/\(page)"))))
        }
      }
      for (stream, text) in texts {
        // `report` writes its pages and says so on standard error.
        #expect(!text.isEmpty || stream == "stderr" || arguments[0] == "report", "\(arguments) \(stream) is empty")
        let found = Self.englishWords(text, data: data)
        #expect(found.isEmpty, "\(arguments.prefix(1)) \(stream): English \(Set(found).sorted()) in:\n\(text)")
        checked += 1
      }
    }
    #expect(checked == 28)
    #expect(commentsShown, "a group's comments are shown, so their words are checked too")
  }

  /// The check finds English: the same runs in English are full of it.
  @Test func theCheckFindsEnglish() throws {
    let result = try CLI.run(["score", "\(Self.folder)/survey.yaml", "--responses", "\(Self.folder)/responses.csv", "--lang", "en"])
    #expect(Set(Self.englishWords(result.stdout, data: [])).isSuperset(of: ["withheld", "would", "shown", "respondents", "index"]))
    #expect(Set(Self.englishWords(result.stderr, data: [])) == ["rows", "read", "used", "rejected"])
  }
}
