import Foundation
import Testing

/// Response files whose answer labels are in any language the survey declares (issue 14):
/// the four-language sample read with every cell in English, German, French, Spanish or a
/// mix gives the same numbers as its numeric twin; a label that means different values in two
/// languages is refused with both meanings; `import` reads translated labels too.
@Suite struct LabelLanguagesCLITests {
  static let survey = "surveys/examples/multilingual/survey.yaml"
  static let languages = ["en", "de", "fr", "es"]
  /// The plugin's scale labels (1 to 5) and multi-select option labels, per language.
  static let scale: [String: [String]] = [
    "en": ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"],
    "de": ["Stimme überhaupt nicht zu", "Stimme nicht zu", "Teils, teils", "Stimme zu", "Stimme voll und ganz zu"],
    "fr": ["Pas du tout d'accord", "Pas d'accord", "Neutre", "D'accord", "Tout à fait d'accord"],
    "es": ["Totalmente en desacuerdo", "En desacuerdo", "Neutral", "De acuerdo", "Totalmente de acuerdo"],
  ]
  static let options = ["course", "book", "mentor", "conference", "side_project"]
  static let optionLabels: [String: [String]] = [
    "en": ["A course", "A book", "Mentoring", "A conference", "A side project"],
    "de": ["Ein Kurs", "Ein Buch", "Mentoring", "Eine Konferenz", "Ein Nebenprojekt"],
    "fr": ["Une formation", "Un livre", "Du mentorat", "Une conférence", "Un projet personnel"],
    "es": ["Un curso", "Un libro", "Mentoría", "Una conferencia", "Un proyecto personal"],
  ]

  /// One generated respondent: answers 1–5 (0 = blank) and the options ticked.
  struct Answer {
    var values: [Int]
    var ticked: [Int]
  }

  /// `count` respondents from a seeded generator, with blanks and every option count.
  static func answers(count: Int, seed: UInt64) -> [Answer] {
    var state = seed
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    return (0..<count).map { _ in
      Answer(values: (0..<4).map { _ in next(7) == 0 ? 0 : 1 + next(5) }, ticked: options.indices.filter { _ in next(2) == 0 })
    }
  }

  /// A CSV (team, two teams of the answers), each row's cells in `language(row)`: labels, or
  /// numbers and option ids when nil. A cell with a comma is quoted.
  static func csv(_ answers: [Answer], language: (Int) -> String?) -> String {
    func quoted(_ text: String) -> String {
      text.contains(",") || text.contains("\"") ? "\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\"" : text
    }
    var lines = ["respondent_id,team,lh1,lh2,lh3,lh4,activities"]
    for (r, answer) in answers.enumerated() {
      let lang = language(r)
      let cells = answer.values.map { v in v == 0 ? "" : quoted(lang.map { scale[$0]![v - 1] } ?? String(v)) }
      let chosen = answer.ticked.map { o in lang.map { optionLabels[$0]![o] } ?? options[o] }
      lines.append((["r\(r)", r % 2 == 0 ? "Data" : "Platform"] + cells + [quoted(chosen.joined(separator: "; "))]).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func score(_ box: Sandbox, _ file: String) throws -> String {
    let result = try box.run("score", Self.survey, "--responses", file, "--format", "json")
    #expect(result.status == 0, "\(file): \(result.stderr)")
    // The report names its input file: compare everything else.
    return result.stdout.split(separator: "\n").filter { !$0.contains("\"file\"") }.joined(separator: "\n")
  }

  @Test func everyLanguageAndAMixGiveTheNumbersOfTheNumericFile() throws {
    let box = try Sandbox()
    let answers = Self.answers(count: 40, seed: 14)
    try box.write("numeric.csv", Self.csv(answers) { _ in nil })
    let expected = try score(box, "numeric.csv")
    #expect(expected.contains("\"mean\""), "the groups are shown: \(expected)")
    for language in Self.languages {
      try box.write("\(language).csv", Self.csv(answers) { _ in language })
      #expect(try score(box, "\(language).csv") == expected, "labels in \(language)")
    }
    // A mixed file: each row in another language, some rows as numbers.
    try box.write("mixed.csv", Self.csv(answers) { r in r % 5 == 4 ? nil : Self.languages[r % 4] })
    #expect(try score(box, "mixed.csv") == expected, "labels in every language at once")
  }

  @Test func aLabelThatMeansTwoValuesInTwoLanguagesIsRefusedNamingBoth() throws {
    let box = try Sandbox()
    try FileManager.default.createDirectory(at: box.url.appendingPathComponent("clash/plugins"), withIntermediateDirectories: true)
    try box.write(
      "clash/plugins/gift.lua",
      """
      return {
        api = 1, id = "gift", version = "0.1.0", languages = { "en", "de" },
        name = { en = "Gifts", de = "Geschenke" },
        description = { en = "A label that is a false friend.", de = "Ein falscher Freund." },
        source = "test",
        scale = { min = 1, max = 3, labels = {
          { en = "Poison", de = "Gift" }, { en = "Neither", de = "Weder noch" }, { en = "Gift", de = "Geschenk" } } },
        dimensions = { { id = "d", name = { en = "D", de = "D" } } },
        items = {
          { id = "q1", dimension = "d", text = { en = "Q1", de = "F1" } },
          { id = "q2", dimension = "d", text = { en = "Q2", de = "F2" },
            options = { { id = "a", score = 1, label = { en = "Yes", de = "Nein" } }, { id = "b", score = 3, label = { en = "Nein", de = "Ja" } } } },
        },
      }
      """)
    try box.write(
      "clash/survey.yaml", "id: gift\ntitle: {en: Gifts, de: Geschenke}\nlanguages: [en, de]\nframeworks: [gift]\nmin_group_size: 3\n")
    try box.write("ok.csv", "respondent_id,team,q1,q2\nr1,A,Geschenk,Ja\nr2,A,Poison,yes\nr3,A,Weder noch,b\n")
    let ok = try box.run("score", "clash/survey.yaml", "--responses", "ok.csv", "--format", "json")
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout.contains("\"rows_used\" : 3") || ok.stdout.contains("\"rows_used\": 3"), "\(ok.stdout)")
    try box.write("clash.csv", "respondent_id,team,q1,q2\nr1,A,Gift,a\nr2,A,3,Nein\n")
    let clash = try box.run("score", "clash/survey.yaml", "--responses", "clash.csv")
    #expect(clash.status != 0)
    #expect(clash.stderr.contains("clash.csv:2"), "\(clash.stderr)")
    #expect(clash.stderr.contains("'Gift' is ambiguous for item 'q1'"), "\(clash.stderr)")
    #expect(clash.stderr.contains("it means 3 in en and 1 in de"), "\(clash.stderr)")
    #expect(clash.stderr.contains("'Nein' is ambiguous for item 'q2'"), "\(clash.stderr)")
    #expect(clash.stderr.contains("it means option 'b' in en and option 'a' in de"), "\(clash.stderr)")
    #expect(clash.stderr.contains("hint:"), "\(clash.stderr)")
  }

  @Test func importReadsLabelsInEveryLanguage() throws {
    let box = try Sandbox()
    let answers = Self.answers(count: 12, seed: 7)
    try box.write("numeric.csv", Self.csv(answers) { _ in nil })
    try box.write("mixed.csv", Self.csv(answers) { r in Self.languages[r % 4] })
    for (file, wave) in [("numeric.csv", "a"), ("mixed.csv", "b")] {
      let imported = try box.run("import", Self.survey, file, "--format", "csv", "--wave", wave)
      #expect(imported.status == 0, "\(file): \(imported.stderr)")
    }
    let a = try box.run("score", Self.survey, "--wave", "a", "--format", "json")
    let b = try box.run("score", Self.survey, "--wave", "b", "--format", "json")
    #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
    func body(_ text: String) -> String { text.split(separator: "\n").filter { !$0.contains("\"file\"") }.joined(separator: "\n") }
    #expect(body(a.stdout) == body(b.stdout), "the mixed-language export stores the same answers")
  }

  /// A Google Forms export of the German form: questions (headers) and answers in German.
  @Test func importMatchesQuestionsAndAnswersInAnotherLanguage() throws {
    let box = try Sandbox()
    let header = [
      "Zeitstempel", "team", "Ich habe bei der Arbeit Zeit, Neues zu lernen.", "Termine lassen keinen Raum zum Lernen.",
      "Wir erzählen einander, was wir gelernt haben.", "Erkenntnisse aus einem Projekt erreichen das nächste.",
      "Was davon haben Sie in diesem Quartal zum Lernen getan?",
    ].map { "\"\($0)\"" }.joined(separator: ",")
    let rows = (1...6).map { "2026/10/0\($0) 10:00:00,Data,Stimme zu,Stimme nicht zu,\"Teils, teils\",4,\"Ein Kurs, Ein Buch\"" }
    try box.write("de.csv", ([header] + rows).joined(separator: "\n") + "\n")
    let imported = try box.run("import", Self.survey, "de.csv", "--format", "google-forms", "--wave", "w")
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stdout.contains("6 imported, 0 rejected"), "\(imported.stdout)")
    #expect(!imported.stderr.contains("matched no item"), "every German question is matched: \(imported.stderr)")
    try box.write(
      "en.csv", "respondent_id,team,lh1,lh2,lh3,lh4,activities\n" + (1...6).map { "r\($0),Data,4,2,3,4,course;book" }.joined(separator: "\n") + "\n")
    let numeric = try score(box, "en.csv")
    let stored = try box.run("score", Self.survey, "--wave", "w", "--format", "json")
    #expect(
      stored.stdout.split(separator: "\n").filter { !$0.contains("\"file\"") && !$0.contains("rows_") }.joined(separator: "\n")
        == numeric.split(separator: "\n").filter { !$0.contains("rows_") }.joined(separator: "\n"))
  }
}
