import Foundation
import GRDB
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A survey in two languages end to end: `take --lang`, the language stored with each
/// response, `score --by language` through the anonymity engine, reports in either language,
/// and the load errors of a missing translation.
@Suite(.serialized) struct LanguageCommandTests {
  static let survey = "surveys/examples/bilingual/surveys/bilingual.yaml"
  static let plugin = "surveys/examples/bilingual/plugins/team-learning.lua"

  /// Answers the four items in `take` with `digits`, in `language`, and confirms.
  func take(_ box: Sandbox, team: String, language: String?, digits: [String]) throws -> String {
    try #require(TakeCommandTests.hasTmux, "tmux is needed for this test: 'make test' installs it, or apt-get install tmux")
    let lang = language.map { " --lang \($0)" } ?? ""
    let tmux = try TakeCommandTests.Tmux(command: "'\(Cultivar.binary.path)' take \(Self.survey) --team \(team) --wave w\(lang)", in: box.url)
    defer { tmux.stop() }
    let first = try tmux.waitFor(language == "de" ? "Frage 1 von 4" : "Item 1 of 4")
    for digit in digits { try tmux.send(digit) }
    try tmux.waitFor(language == "de" ? "Sie haben 4 von 4 Fragen beantwortet." : "You answered 4 of 4 items.")
    try tmux.send("y")
    try tmux.waitFor("EXIT=0")
    return first
  }

  func storedLanguages(_ box: Sandbox) throws -> [String] {
    let queue = try DatabaseQueue(path: box.path("cultivar.sqlite"))
    return try queue.read { db in try String.fetchAll(db, sql: "SELECT COALESCE(language, '-') FROM response ORDER BY 1") }
  }

  @Test func takeAsksInTheChosenLanguageAndScoreGroupsByIt() throws {
    let box = try Sandbox()
    let german = try take(box, team: "Vertrieb", language: "de", digits: ["4", "5", "4", "2"])
    #expect(german.contains("Lernen im Team – Kurzumfrage · Team Vertrieb"))
    #expect(german.contains("Ich habe bei der Arbeit Zeit, Neues zu lernen."))
    #expect(german.contains("5 Stimme voll und ganz zu"))
    #expect(german.contains("1-5 oder Hoch/Runter+Enter: antworten"))
    let english = try take(box, team: "Sales", language: nil, digits: ["2", "2", "3", "4"])
    #expect(english.contains("Team learning check · team Sales"))
    #expect(english.contains("I have time at work to learn new things."))
    #expect(try storedLanguages(box) == ["de", "en"], "the default language when --lang is not given")

    // One response per language: both groups are below min_group_size (3), so n only.
    var score = try box.run("score", Self.survey, "--wave", "w", "--by", "language")
    #expect(score.status == 0, "\(score.stderr)")
    #expect(score.stdout.contains("Language"), "\(score.stdout)")
    #expect(!score.stdout.contains("3.00") && !score.stdout.contains("4.50"), "no mean of a one-person language group: \(score.stdout)")
    for _ in 0..<2 { _ = try take(box, team: "Vertrieb", language: "de", digits: ["5", "5", "4", "2"]) }
    #expect(try storedLanguages(box) == ["de", "de", "de", "en"])
    func groups() throws -> [String: [String: Any]] {
      let score = try box.run("score", Self.survey, "--wave", "w", "--by", "language", "--format", "json")
      #expect(score.status == 0, "\(score.stderr)")
      let report = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
      #expect(report["cut"] as? String == "language")
      let framework = try #require((report["frameworks"] as? [[String: Any]])?.first)
      let teams = try #require(framework["teams"] as? [[String: Any]])
      return Dictionary(uniqueKeysWithValues: teams.map { ($0["team"] as? String ?? "?", $0) })
    }
    var byName = try groups()
    #expect(byName["de"]?["n"] as? Int == 3)
    #expect(byName["en"]?["suppressed"] as? Bool == true, "a language group of one is withheld like a team: \(byName)")
    #expect(byName["de"]?["suppressed"] as? Bool == true, "and so is de: the organisation minus de would show the one en response")
    for _ in 0..<2 { _ = try take(box, team: "Sales", language: "en", digits: ["3", "3", "3", "3"]) }
    byName = try groups()
    #expect(byName["de"]?["suppressed"] as? Bool == false, "\(byName)")
    #expect(byName["en"]?["suppressed"] as? Bool == false, "\(byName)")
    #expect(byName["en"]?["n"] as? Int == 3)
    // Time to learn, de: (4+5)/2, (5+5)/2, (5+5)/2 → mean 14.5/3.
    let dims = try #require(byName["de"]?["dimensions"] as? [[String: Any]])
    let time = try #require(dims.first { $0["id"] as? String == "time" })
    #expect(abs((time["mean"] as? Double ?? 0) - 14.5 / 3) < 1e-9, "\(time)")

    // The German report: dimension names and bands from the plugin's German texts.
    let deReport = try box.run("score", Self.survey, "--wave", "w", "--lang", "de")
    #expect(deReport.stdout.contains("Lernen im Team – Kurzumfrage"), "\(deReport.stdout)")
    #expect(deReport.stdout.contains("Zeit zum Lernen"))
    #expect(!deReport.stdout.contains("Time to learn"))
    let unknown = try box.run("score", Self.survey, "--wave", "w", "--lang", "fr")
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("--lang fr: \(Self.survey) is offered in en, de only"), "\(unknown.stderr)")
  }

  @Test func aResponseFileGroupsByItsLanguageColumn() throws {
    let box = try Sandbox()
    var survey = try String(contentsOfFile: box.path(Self.survey), encoding: .utf8)
    survey += "columns:\n  language: lang\n"
    try box.write(Self.survey, survey)
    var rows = "respondent_id,team,lang,tl1,tl2,tl3,tl4\n"
    for n in 0..<7 { rows += "r\(n),\(n % 2 == 0 ? "A" : "B"),\(n < 4 ? "de" : "en"),\(n % 5 + 1),3,4,2\n" }
    try box.write("answers.csv", rows)
    let byTeam = try box.run("score", Self.survey, "--responses", "answers.csv", "--format", "csv")
    #expect(byTeam.status == 0, "the language column is ignored unless grouping by it: \(byTeam.stderr)")
    #expect(byTeam.stdout.contains(",A,4,"), "\(byTeam.stdout)")
    let byLanguage = try box.run("score", Self.survey, "--responses", "answers.csv", "--by", "language", "--format", "csv")
    #expect(byLanguage.status == 0, "\(byLanguage.stderr)")
    #expect(byLanguage.stdout.contains(",de,4,") && byLanguage.stdout.contains(",en,3,"), "\(byLanguage.stdout)")
    let compared = try box.run("compare", Self.survey, "--responses", "answers.csv", "--lang", "de")
    #expect(compared.status == 0, "\(compared.stderr)")
    #expect(compared.stdout.contains("Zeit zum Lernen") && !compared.stdout.contains("Time to learn"), "\(compared.stdout)")
    let plain = try box.run("score", "surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv", "--by", "language")
    #expect(plain.status != 0)
    #expect(plain.stderr.contains("names no language column for response files"), "\(plain.stderr)")
  }

  @Test func aMissingTranslationIsALoadErrorNamingPluginLineFieldAndLanguage() throws {
    let box = try Sandbox()
    let source = try String(contentsOfFile: box.path(Self.plugin), encoding: .utf8)
    let broken = source.replacingOccurrences(of: ", de = \"Wir sprechen offen darüber, was schiefgelaufen ist.\"", with: "")
    #expect(broken != source)
    try box.write(Self.plugin, broken)
    let line = (broken.components(separatedBy: "\n").firstIndex { $0.contains("We talk openly") } ?? -1) + 1
    let run = try box.run("score", Self.survey, "--responses", "none.csv")
    #expect(run.status != 0)
    #expect(run.stderr.contains("team-learning.lua:\(line): item 'tl3': 'text' has no 'de' translation"), "\(run.stderr)")
  }

  @Test func aSurveyLanguageThePluginLacksIsNamed() throws {
    let box = try Sandbox()
    let survey = try String(contentsOfFile: box.path(Self.survey), encoding: .utf8)
    try box.write(
      Self.survey,
      survey.replacingOccurrences(of: "languages: [en, de]", with: "languages: [en, de, fr]")
        .replacingOccurrences(of: "  de: Lernen im Team – Kurzumfrage\n", with: "  de: Lernen im Team – Kurzumfrage\n  fr: Apprendre en équipe\n"))
    let run = try box.run("score", Self.survey, "--responses", "none.csv")
    #expect(run.status != 0)
    #expect(
      run.stderr.contains("team-learning.lua:7: error: plugin 'team-learning': no 'fr' translation: its 'languages' are en, de"), "\(run.stderr)")
    let plain = try box.run("score", "surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv", "--lang", "de")
    #expect(plain.stderr.contains("names no languages"), "\(plain.stderr)")
  }
}

/// The web form over HTTP: the browser's language, the switch, and the language stored.
@Suite(.serialized) struct LanguageServeTests {
  static func get(_ url: URL, acceptLanguage: String) async throws -> String {
    var request = URLRequest(url: url)
    request.setValue(acceptLanguage, forHTTPHeaderField: "Accept-Language")
    let (data, _) = try await ServeCommandTests.session.data(for: request)
    return String(decoding: data, as: UTF8.self)
  }

  @Test func theFormFollowsTheBrowserAndTheSwitchAndStoresTheLanguage() async throws {
    let box = try Sandbox()
    // The server helper serves surveys/learning-culture.yaml: make it the bilingual survey.
    let survey = try String(contentsOfFile: box.path(LanguageCommandTests.survey), encoding: .utf8)
    try box.write("surveys/learning-culture.yaml", survey)
    try FileManager.default.copyItem(atPath: box.path(LanguageCommandTests.plugin), toPath: box.path("plugins/team-learning.lua"))
    let invited = try box.run(
      "invite", "surveys/learning-culture.yaml", "--wave", "w", "--team", "Vertrieb", "--count", "2", "--base-url", "http://127.0.0.1:1")
    #expect(invited.status == 0, "\(invited.stderr)")
    let tokens = invited.stdout.split(separator: "\n").filter { $0.contains("/t/") }.compactMap { $0.split(separator: "/").last.map(String.init) }
    try #require(tokens.count == 2)
    let server = try ServeCommandTests.Server(box, wave: "w")
    defer { server.stop() }
    let link = server.base.appendingPathComponent("t").appendingPathComponent(tokens[0])

    let german = try await Self.get(link, acceptLanguage: "de-CH, en;q=0.5")
    #expect(german.contains("<html lang=\"de\">") && german.contains("Meine Antworten senden") && german.contains("Stimme voll und ganz zu"))
    let switched = try await Self.get(URL(string: link.absoluteString + "?lang=en")!, acceptLanguage: "de-CH")
    #expect(switched.contains("<html lang=\"en\">") && switched.contains("Send my answers"), "the switch wins over the browser")
    let french = try await Self.get(link, acceptLanguage: "fr-FR")
    #expect(french.contains("<html lang=\"en\">"), "a language not offered: the default")

    let ticket = try #require(ServeCommandTests.ticket(in: german))
    let sent = try await ServeCommandTests.post(link, "ticket=\(ticket)&lang=de&a.tl1=4&a.tl2=5")
    #expect(sent.status == 200)
    #expect(sent.body.contains("Vielen Dank") && sent.body.contains("Ihre Antworten auf 2 von 4 Fragen sind eingegangen."), "\(sent.body)")
    // A forged language is not stored: the default is.
    let other = server.base.appendingPathComponent("t").appendingPathComponent(tokens[1])
    let page = try await Self.get(other, acceptLanguage: "en")
    let second = try #require(ServeCommandTests.ticket(in: page))
    let forged = try await ServeCommandTests.post(other, "ticket=\(second)&lang=<b>xx&a.tl1=1")
    #expect(forged.status == 200 && forged.body.contains("Thank you") && !forged.body.contains("<b>xx"))
    let queue = try DatabaseQueue(path: box.path("cultivar.sqlite"))
    let stored = try await queue.read { db in try String.fetchAll(db, sql: "SELECT language FROM response ORDER BY language") }
    #expect(stored == ["de", "en"])
  }
}
