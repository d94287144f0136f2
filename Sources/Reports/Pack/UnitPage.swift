import SurveyModel

/// One unit's page: its index and dimensions with bands and advice (against its parent and
/// the organisation), its child units, its demographics, participation, trend and what the
/// anonymity engine withheld among them.
struct UnitPage {
  let pack: UnitPack
  let unit: Int

  private var k: Int { pack.privacy.minGroupSize }
  private var me: UnitPack.Unit { pack.units[unit] }
  private var w: ReportWords { ReportWords(pack.survey.language) }

  func html() -> String {
    let e = HTMLText.escape
    let w = self.w
    var out = HTMLText.pageStart(title: "\(pack.survey.title): \(me.title)", generator: "cultivar report --per-unit", language: w.language)
    let path = pack.units[unit].parent.map { ancestors($0) } ?? []
    out += "<header>\n<p class=\"meta\"><a href=\"\(UnitPackHTML.indexFile)\">\(HTMLText.words(w("pack.all-units")))</a>"
    out += path.map { " › " + PackWords.unitLink(pack.units[$0]) }.joined() + "</p>\n"
    out += "<h1 data-unit=\"\(e(me.key))\">\(HTMLText.name(me.title))</h1>\n"
    out +=
      "<p class=\"meta\">\(e(pack.survey.title)) · \(e(PackWords.source(pack, w))) · \(HTMLText.words(w("pack.level-n", ["level": String(me.level)])))</p>\n</header>\n"
    for f in pack.versusOrganisation.indices { out += framework(f) }
    out += participation()
    out += trend()
    out += "<section class=\"card\" id=\"privacy\"><h2>\(HTMLText.words(w("privacy")))</h2>\(privacy())</section>\n"
    out += "<footer>\(HTMLText.words(w("pack.footer")))</footer>\n</main>\n</body>\n</html>\n"
    return out
  }

  private func ancestors(_ u: Int) -> [Int] {
    var chain = [u]
    while let p = pack.units[chain[0]].parent { chain.insert(p, at: 0) }
    return chain
  }

  private func framework(_ f: Int) -> String {
    let e = HTMLText.escape
    let byOrg = pack.versusOrganisation[f]
    let byParent = pack.versusParent[f]
    let w = self.w
    var out = "<section class=\"card framework\" id=\"fw-\(e(byOrg.id))\">\n<h2>\(e(byOrg.name))</h2>\n"
    guard let row = pack.row(me.key, framework: f) else {
      return out + "<p class=\"note\">\(HTMLText.words(w("pack.no-responses-page")))</p></section>\n"
    }
    if let reason = row.suppression {
      return out + "<p class=\"suppressed\">n = \(row.n); \(e(PackWords.withheld(reason, minGroupSize: k, w)))</p></section>\n"
    }
    let parentKey = me.parent.map { pack.units[$0].key }
    let parent = parentKey.flatMap { pack.row($0, framework: f) }
    let parentLabel = me.parent.map { pack.units[$0].title } ?? w.group(byOrg.organisation.team)
    // The index and band, beside the parent's and the organisation's.
    var rows: [[String]] = [summaryRow(row, label: me.title)]
    if let parent { rows.append(summaryRow(parent, label: parentLabel)) }
    rows.append(summaryRow(byOrg.organisation, label: w("pack.organisation")))
    out += "<h3>\(HTMLText.words(w("pack.index-and-band")))</h3>\n<div class=\"table-wrap\">"
    out += HTMLText.table(
      header: ["", "n", w.indexHeading(byOrg.indexHeading), w("band"), w("what-to-do")], rows: rows, cssClass: "data bands", numeric: [1, 2])
    out += "</div>\n"
    // Dimensions: the unit's numbers, against its parent (without the unit) and the rest of the organisation.
    let againstParent = pack.parentRow(me.key, framework: f)
    out += "<h3>\(HTMLText.words(w("dimensions")))</h3>\n<p class=\"note\">"
    out += HTMLText.words(w("pack.differences-note")).replacing("{parent}", with: HTMLText.name(parentLabel)) + "</p>\n"
    let dimensionRows = row.dimensions.enumerated().map { d, dimension -> [String] in
      let name = HTMLText.name(byOrg.dimensionName(dimension.id))
      if let reason = dimension.suppression {
        return [
          name, String(dimension.n), "", "", "", "", "", "<span class=\"suppressed\">\(e(PackWords.withheld(reason, minGroupSize: k, w)))</span>",
        ]
      }
      let parentDimension = againstParent.flatMap { d < $0.dimensions.count ? $0.dimensions[d] : nil }
      return [
        name, String(dimension.n), Format.fixed(dimension.mean, 2), Format.fixed(dimension.pomp, 0), Format.fixed(dimension.favorable, 0),
        e(parentDimension.map { PackWords.difference($0, w) } ?? ""), e(PackWords.difference(dimension, w)), e(dimension.advice ?? ""),
      ]
    }
    out += "<div class=\"table-wrap\">"
    out += HTMLText.table(
      header: [
        w("dimension"), "n", w("pack.mean"), "POMP", w("pack.favourable"), w("pack.vs-parent"), w("pack.vs-organisation"), w("pack.advice"),
      ], rows: dimensionRows,
      cssClass: "data dimensions", numeric: [1, 2, 3, 4])
    out += "</div>\n"
    if let againstParent {
      out += "<figure><div class=\"chart-wrap\">\(ProfileChart(framework: byParent, team: againstParent, words: w).svg())</div>"
      out += "<figcaption class=\"note\">\(HTMLText.words(w("pack.profile-caption")))</figcaption></figure>\n"
    }
    out += groupTable(
      w("pack.child-units"), pack.children(of: unit).map { (PackWords.unitLink(pack.units[$0]), pack.units[$0].key) }, framework: f,
      empty: w("pack.no-children"))
    for attribute in pack.attributes {
      out += groupTable(
        w("pack.by", ["attribute": attribute.name]), attribute.labels.map { (HTMLText.name($0), CrossedCell.name(unit: me.key, label: $0)) },
        framework: f,
        empty: "")
    }
    return out + "</section>\n"
  }

  private func summaryRow(_ row: TeamComparison, label: String) -> [String] {
    let e = HTMLText.escape
    let w = self.w
    if let reason = row.suppression {
      return [HTMLText.name(label), String(row.n), "", "", "<span class=\"muted\">\(e(PackWords.withheld(reason, minGroupSize: k, w)))</span>"]
    }
    let index = row.index.map { Format.fixed($0, 1) } ?? (row.indexSuppression.map { e(PackWords.withheld($0, minGroupSize: k, w)) } ?? "")
    return [HTMLText.name(label), String(row.n), index, row.band.map(HTMLText.name) ?? "", row.bandAdvice.map { "<p>\(e($0))</p>" } ?? ""]
  }

  /// A table of groups (child units, or the unit's attribute cells): n, index and each
  /// dimension's mean, or the reason a group is withheld.
  private func groupTable(_ title: String, _ groups: [(label: String, key: String)], framework f: Int, empty: String) -> String {
    let e = HTMLText.escape
    let w = self.w
    let byOrg = pack.versusOrganisation[f]
    let rows = groups.compactMap { group -> [String]? in
      guard let row = pack.result(group.key, framework: f) else { return nil }
      if let reason = row.suppression {
        return [group.label, String(row.n), "<span class=\"muted\">\(e(PackWords.withheld(reason, minGroupSize: k, w)))</span>"]
          + byOrg.dimensions.map { _ in "" }
      }
      return [group.label, String(row.n), row.index.map { Format.fixed($0, 1) } ?? "–"]
        + row.dimensions.map { $0.suppression == nil ? Format.fixed($0.mean, 2) : "–" }
    }
    guard !rows.isEmpty else { return empty.isEmpty ? "" : "<h3>\(e(title))</h3>\n<p class=\"note\">\(e(empty))</p>\n" }
    return "<h3>\(e(title))</h3>\n<div class=\"table-wrap\">"
      + HTMLText.table(
        header: ["", "n", w.indexHeading(byOrg.indexHeading)] + byOrg.dimensions.map(\.name), rows: rows, cssClass: "data groups",
        numeric: Set(1...(2 + byOrg.dimensions.count))) + "</div>\n"
  }

  private func participation() -> String {
    let names = [me.key] + pack.children(of: unit).map { pack.units[$0].key }
    let rows = names.compactMap { name in pack.participation.first { $0.unit == name } }
    guard !rows.isEmpty else { return "" }
    let cells = rows.map { row in
      [HTMLText.name(row.unit), row.invited.map(String.init) ?? "", String(row.responded), row.rate.map { Format.fixed($0 * 100, 0) + "%" } ?? ""]
    }
    return "<section class=\"card\" id=\"participation\"><h2>\(HTMLText.words(w("pack.participation")))</h2>\n"
      + "<p class=\"note\">\(HTMLText.words(w("pack.participation-note", ["size": String(k)])))</p>\n"
      + "<div class=\"table-wrap\">"
      + HTMLText.table(header: [w("unit"), w("invited"), w("responded"), w("rate")], rows: cells, numeric: [1, 2, 3])
      + "</div></section>\n"
  }

  private func trend() -> String {
    guard pack.trendWaves.count > 1 else { return "" }
    var out = "<section class=\"card\" id=\"trend\"><h2>\(HTMLText.words(w("pack.trend")))</h2>\n"
    out += "<p class=\"note\">\(HTMLText.words(w("pack.trend-note")))</p>\n"
    for (f, framework) in pack.trend.enumerated() {
      guard let line = pack.trendLine(me.key, framework: f) else { continue }
      let cells = { (value: (TeamResult) -> Double?, decimals: Int) in
        line.points.map { point in point.map { $0.suppression == nil ? (value($0).map { Format.fixed($0, decimals) } ?? "–") : "–" } ?? "" }
      }
      var rows = [[HTMLText.escape(w.indexHeading(framework.indexHeading, label: framework.indexLabel))] + cells({ $0.index }, 1)]
      for dimension in framework.dimensions {
        rows.append(
          [HTMLText.name(dimension.name)]
            + cells({ result in result.dimensions.first { $0.id == dimension.id }.flatMap { $0.suppression == nil ? $0.pomp : nil } }, 0))
      }
      out += "<h3>\(HTMLText.escape(framework.name))</h3><div class=\"table-wrap\">"
      out += HTMLText.table(header: [""] + pack.trendWaves, rows: rows, numeric: Set(1...pack.trendWaves.count)) + "</div>\n"
    }
    return out + "</section>\n"
  }

  /// The audit entries about this page's groups: the unit, its child units, its attribute
  /// cells, and its parent without it.
  private func privacy() -> String {
    let children = Set(pack.children(of: unit).map { pack.units[$0].key })
    let cells = Set(pack.attributes.flatMap { $0.labels.map { CrossedCell.name(unit: me.key, label: $0) } })
    // The entries that may be about this page, found through the pack's index, in the
    // audit's order, then checked one by one.
    let candidates =
      ([me.key] + children + cells).flatMap { pack.auditPositions(group: $0) }
      + pack.auditPositions(parentBaselineWithout: me.key)
    let own = Set(candidates).sorted().map { pack.privacy.audit[$0] }.filter { entry in
      entry.group == me.key || children.contains(entry.group) || cells.contains(entry.group)
        || (entry.cut == UnitPack.parentBaselineCut && entry.group.hasSuffix(" without \(me.key)"))
    }
    let w = self.w
    var lines = [PackWords.privacyRule(pack, w)]
    lines += own.isEmpty ? [w("pack.nothing-withheld")] : own.map { PrivacyAuditReport.line($0, words: w) }
    lines.append(w("pack.one-decision"))
    return "<ul class=\"privacy\">" + lines.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
  }
}
