import SurveyModel

/// The pack's `index.html`: every unit in the organisation's order, a link to each page, and
/// for a unit without a page why (withheld, or another level).
struct PackIndexPage {
  let pack: UnitPack

  func html() -> String {
    let e = HTMLText.escape
    let k = pack.privacy.minGroupSize
    let w = ReportWords(pack.survey.language)
    let title = w("pack.index-title", ["title": pack.survey.title])
    var out = HTMLText.pageStart(title: title, generator: "cultivar report --per-unit", language: w.language)
    out += "<header>\n<h1>\(e(title))</h1>\n<p class=\"meta\">\(e(PackWords.source(pack, w)))</p>\n</header>\n"
    let framework = pack.versusOrganisation.first
    var rows: [[String]] = []
    for unit in tree() {
      let info = pack.units[unit]
      let indent = String(repeating: "  ", count: info.level - 1)
      let label = "<span class=\"level-\(info.level)\">\(indent)\(PackWords.unitLink(info))</span>"
      guard let row = framework.flatMap({ _ in pack.row(info.key, framework: 0) }) else {
        rows.append([label, String(info.level), "0", "", HTMLText.words(w("pack.no-responses"))])
        continue
      }
      if let reason = row.suppression {
        rows.append([label, String(info.level), String(row.n), "", e(PackWords.withheld(reason, minGroupSize: k, w))])
      } else {
        rows.append([
          label, String(info.level), String(row.n), row.index.map { Format.fixed($0, 1) } ?? "–",
          HTMLText.words(w(info.page == nil ? "pack.other-level" : "pack.page")),
        ])
      }
    }
    out += "<section class=\"card\"><h2>\(HTMLText.words(w("pack.units")))</h2>\n"
    out += "<p class=\"note\">\(HTMLText.words(w("pack.units-note")))</p>\n"
    out += "<div class=\"table-wrap\">"
    out += HTMLText.table(
      header: [w("unit"), w("pack.level"), "n", w.indexHeading(framework.map { $0.indexHeading } ?? "Index"), ""], rows: rows, cssClass: "data units",
      numeric: [1, 2, 3])
    out += "</div></section>\n"
    out += "<section class=\"card\" id=\"privacy\"><h2>\(HTMLText.words(w("privacy")))</h2><ul class=\"privacy\">"
    out += "<li>\(e(PackWords.privacyRule(pack, w)))</li>"
    out += "<li>\(e(w("pack.withheld-count", ["n": String(pack.privacy.audit.count)])))</li></ul></section>\n"
    out += "<footer>\(HTMLText.words(w("pack.footer")))</footer>\n</main>\n</body>\n</html>\n"
    return out
  }

  /// The units depth first, each after its parent.
  private func tree() -> [Int] {
    var out: [Int] = []
    func visit(_ u: Int) {
      out.append(u)
      for c in pack.children(of: u) { visit(c) }
    }
    for u in pack.units.indices where pack.units[u].parent == nil { visit(u) }
    return out
  }
}
