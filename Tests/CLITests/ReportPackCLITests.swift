import Foundation
import Testing

/// `cultivar report --per-unit DIR`: a page per unit the engine shows, each with that unit's
/// numbers as `score --by unit` publishes them, an index, and a folder written as a whole.
@Suite(.serialized) struct ReportPackCLITests {
  let sample = ["surveys/org/acme.yaml", "--responses", "surveys/org/responses-2026-spring.csv", "--org", "surveys/org/acme.org.yaml"]

  private func run(_ box: Sandbox, _ arguments: [String]) throws -> Cultivar.Result { try Cultivar.run(arguments, in: box.url) }

  /// `score --by unit` of the sample: each unit's JSON group by name.
  private func scoredUnits(in box: Sandbox) throws -> [String: [String: Any]] {
    let result = try run(box, ["score"] + sample + ["--by", "unit", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let teams = try #require(((json["frameworks"] as? [[String: Any]])?.first?["teams"]) as? [[String: Any]])
    return Dictionary(uniqueKeysWithValues: teams.map { ($0["team"] as! String, $0) })
  }

  /// As the reports round: half away from zero, then fixed decimals.
  private func fixed(_ value: Double, _ decimals: Int) -> String {
    let factor = pow(10, Double(decimals))
    return String(format: "%.\(decimals)f", (value * factor).rounded() / factor)
  }

  private func pages(_ box: Sandbox, _ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: box.path(folder)).sorted()
  }

  /// Units (by name) → page file, from the links of the pack's index.
  private func pageOf(_ index: String) -> [String: String] {
    var out: [String: String] = [:]
    for part in index.components(separatedBy: "<a href=\"").dropFirst() {
      let file = part.components(separatedBy: "\"")[0]
      guard let name = part.components(separatedBy: "<bdi>").dropFirst().first?.components(separatedBy: "</bdi>").first else { continue }
      out[name.replacingOccurrences(of: "&amp;", with: "&")] = file
    }
    return out
  }

  @Test func everyShownUnitHasAPageWithItsNumbersAndNoWithheldUnitHasOne() throws {
    let box = try Sandbox()
    let result = try run(box, ["report"] + sample + ["--per-unit", "pack", "--headcount-wave", "2026-spring"])
    #expect(result.status == 0, "\(result.stderr)")
    let units = try scoredUnits(in: box)
    let shown = units.filter { $0.value["suppressed"] as? Bool == false }
    let withheld = units.filter { $0.value["suppressed"] as? Bool == true }
    #expect(!withheld.isEmpty)
    #expect(result.stderr.contains("wrote \(shown.count) unit pages and index.html to pack (\(withheld.count) units withheld"), "\(result.stderr)")
    let files = try pages(box, "pack")
    #expect(files.count == shown.count + 1)
    let index = try String(contentsOfFile: box.path("pack/index.html"), encoding: .utf8)
    let page = pageOf(index)
    #expect(page.count == shown.count)
    for (name, group) in shown {
      let file = try #require(page[name], "\(name)")
      let html = try String(contentsOfFile: box.path("pack/\(file)"), encoding: .utf8)
      #expect(index.contains("href=\"\(file)\""))
      let indexValue = try #require(group["index"] as? Double)
      #expect(html.contains("<td class=\"num\">\(fixed(indexValue, 1))</td>"), "\(name): index")
      for dimension in group["dimensions"] as! [[String: Any]] where dimension["mean"] != nil {
        #expect(html.contains(fixed(dimension["mean"] as! Double, 2)), "\(name): \(dimension["id"]!)")
      }
      #expect(html.contains("id=\"privacy\"") && html.contains("id=\"participation\""))
    }
    for (name, group) in withheld {
      #expect(page[name] == nil, "\(name) is withheld but has a page")
      #expect(index.contains("withheld:"), "\(name) \(group)")
    }
  }

  @Test func levelChoosesWhichUnitsGetPages() throws {
    let box = try Sandbox()
    let result = try run(box, ["report"] + sample + ["--per-unit", "pack", "--level", "1"])
    #expect(result.status == 0, "\(result.stderr)")
    // Level 1 of the sample: one of the three divisions is shown (docs/organisation.md).
    #expect(try pages(box, "pack") == ["customers.html", "index.html"])
    let bad = try run(box, ["report"] + sample + ["--per-unit", "pack2", "--level", "9"])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("has 3 levels"))
    #expect(!FileManager.default.fileExists(atPath: box.path("pack2")))
  }

  @Test func anEarlierPackIsReplacedAndAnotherFolderIsNotTouched() throws {
    let box = try Sandbox()
    #expect(try run(box, ["report"] + sample + ["--per-unit", "pack"]).status == 0)
    try box.write("pack/customers.html", "stale")
    #expect(try run(box, ["report"] + sample + ["--per-unit", "pack", "--level", "1"]).status == 0)
    #expect(try String(contentsOfFile: box.path("pack/customers.html"), encoding: .utf8).contains("<!DOCTYPE html>"))
    #expect(try pages(box, "pack").count == 2)
    try FileManager.default.createDirectory(atPath: box.path("mine"), withIntermediateDirectories: true)
    try box.write("mine/notes.txt", "keep me")
    let refused = try run(box, ["report"] + sample + ["--per-unit", "mine"])
    #expect(refused.status == 73, "\(refused.stderr)")
    #expect(refused.stderr.contains("mine: error: the folder exists and holds other files"), "\(refused.stderr)")
    #expect(refused.stderr.contains("hint:"))
    #expect(try pages(box, "mine") == ["notes.txt"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: box.url.path).allSatisfy { !$0.hasSuffix(".tmp") })
  }

  @Test func badInputWritesNothing() throws {
    let box = try Sandbox()
    try box.write("bad.csv", "respondent_id,team,sv1\nr1,nowhere,3\n")
    let result = try run(
      box, ["report", "surveys/org/acme.yaml", "--responses", "bad.csv", "--org", "surveys/org/acme.org.yaml", "--per-unit", "pack"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("hint:"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: box.path("pack")))
  }

  /// From the store: the trend section holds the earlier wave (mapped to today's units).
  @Test func aWaveOfTheStoreGetsItsTrend() throws {
    let box = try Sandbox()
    for wave in ["2026-spring", "2026-autumn"] {
      let imported = try box.run("import", "surveys/org/acme.yaml", "surveys/org/responses-\(wave).csv", "--wave", wave)
      #expect(imported.status == 0, "\(imported.stderr)")
    }
    let result = try box.run(
      "report", "surveys/org/acme.yaml", "--wave", "2026-autumn", "--org", "surveys/org/acme.org.yaml", "--per-unit", "pack")
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOfFile: box.path("pack/customers.html"), encoding: .utf8)
    #expect(html.contains("id=\"trend\""))
    #expect(html.contains("<th scope=\"col\">2026-spring</th><th scope=\"col\">2026-autumn</th>"))
  }

  /// A pack from a stored wave holds what the same rows give from their file, demographics
  /// included (the store keeps each response's attributes): only the input's name differs.
  @Test func aWaveOfTheStoreGivesThePagesOfItsFile() throws {
    let box = try Sandbox()
    let wave = "2026-spring"
    let file = "surveys/org/responses-\(wave).csv"
    let imported = try box.run("import", "surveys/org/acme.yaml", file, "--wave", wave)
    #expect(imported.status == 0, "\(imported.stderr)")
    let org = ["--org", "surveys/org/acme.org.yaml", "--headcount-wave", wave]
    let stored = try box.run(["report", "surveys/org/acme.yaml", "--wave", wave] + org + ["--per-unit", "stored"])
    let read = try box.run(["report", "surveys/org/acme.yaml", "--responses", file] + org + ["--per-unit", "read"])
    #expect(stored.status == 0 && read.status == 0, "\(stored.stderr)\(read.stderr)")
    let names = try pages(box, "read")
    #expect(try pages(box, "stored") == names)
    #expect(names.count > 20)
    var cells = 0
    for name in names {
      let fromFile = try String(contentsOfFile: box.path("read/\(name)"), encoding: .utf8)
      let fromStore = try String(contentsOfFile: box.path("stored/\(name)"), encoding: .utf8)
      #expect(fromStore.replacingOccurrences(of: "wave \(wave):", with: "\(file):") == fromFile, "\(name)")
      cells += fromFile.components(separatedBy: "Berlin").count - 1
    }
    #expect(cells > 0, "the pages show the unit × location cells")
  }

  /// Responses of the org sample's survey for `teams` (each `size` respondents).
  private func responses(_ teams: [(String, Int)]) -> String {
    let items = ["sv", "pm", "mm", "tl", "st"].flatMap { p in (1...4).map { "\(p)\($0)" } }
    var lines = ["respondent_id,team,location,tenure,role," + items.joined(separator: ",")]
    for (team, size) in teams {
      for i in 0..<size {
        lines.append("\(team)-\(i),\(team),Berlin,1-3y,individual," + items.indices.map { String(1 + (i + $0) % 5) }.joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Names from the organisation file are text on every page: escaped, bidi isolated, and the
  /// page file's name made of letters, digits and '-'.
  @Test func hostileUnitNamesAreShownNeverObeyed() throws {
    let box = try Sandbox()
    try box.write(
      "org.yaml",
      "units:\n  - { id: top, name: \"Top\" }\n  - { id: evil, name: \"<script>alert(1)</script>\", parent: top }\n"
        + "  - { id: rtl, name: \"Ops\\u202Etxt.exe\", parent: top }\n  - { id: quote, name: \"\\\"=cmd|' /C calc'!A0\", parent: top }\n")
    try box.write("r.csv", responses([("evil", 8), ("rtl", 9), ("quote", 10)]))
    let result = try run(box, ["report", "surveys/org/acme.yaml", "--responses", "r.csv", "--org", "org.yaml", "--per-unit", "pack"])
    #expect(result.status == 0, "\(result.stderr)")
    let files = try pages(box, "pack")
    #expect(files.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") } }, "\(files)")
    var all = ""
    for file in files { all += try String(contentsOfFile: box.path("pack/\(file)"), encoding: .utf8) }
    #expect(!all.contains("<script>"))
    #expect(all.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    // The bidi override stays in names shown as text, isolated in <bdi> so it cannot reorder
    // the text around it; in attributes and titles it is written visibly.
    let pieces = all.components(separatedBy: "\u{202E}")
    #expect(pieces.count > 1)
    for piece in pieces.dropLast() {
      let open = piece.range(of: "<bdi>", options: .backwards)
      let close = piece.range(of: "</bdi>", options: .backwards)
      #expect(open != nil && (close == nil || close!.lowerBound < open!.lowerBound), "a bidi override outside <bdi>")
    }
  }

  @Test func twoUnitsWithOneNameAreRefused() throws {
    let box = try Sandbox()
    try box.write(
      "org.yaml",
      "units:\n  - { id: north, name: North }\n  - { id: south, name: South }\n"
        + "  - { id: sales-n, name: Sales, parent: north }\n  - { id: sales-s, name: Sales, parent: south }\n")
    try box.write("r.csv", responses([("sales-n", 8), ("sales-s", 9)]))
    let result = try run(box, ["report", "surveys/org/acme.yaml", "--responses", "r.csv", "--org", "org.yaml", "--per-unit", "pack"])
    #expect(result.status == 78, "\(result.stderr)")
    #expect(result.stderr.contains("org.yaml:5: error: units 'sales-n' (line 4) and 'sales-s' are both named 'Sales'"), "\(result.stderr)")
    #expect(result.stderr.contains("hint: reports show units by name; give each its own, e.g. 'Sales (South)'"))
    #expect(!FileManager.default.fileExists(atPath: box.path("pack")))
  }
}
