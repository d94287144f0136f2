import SurveyModel

/// The trend as text tables: per framework, the index of each team in each wave with the
/// change since the wave before, then the same for every dimension's POMP.
public struct TrendTableReporter: ReportRenderer {
  public static let identifier = "table"
  public init() {}

  public func render(_ report: TrendReport) -> String {
    // Every name and label from the inputs is shown, never obeyed, by the terminal.
    let report = report.mapText { SafeText.terminal($0) }
    let w = ReportWords(report.survey.language)
    let count = report.waves.count
    var out = [
      w(count == 1 ? "trend.title-one" : "trend.title", ["title": report.survey.title, "id": report.survey.id, "n": String(count)])
    ]
    let waves = report.waves.map { w($0.responses == 1 ? "trend.wave-one" : "trend.wave", ["name": $0.name, "n": String($0.responses)]) }
    out.append(w("trend.waves", ["list": waves.joined(separator: ", ")]))
    if let cut = report.cut { out.append(w("trend.groups", ["cut": cut])) }
    if report.mappingApplied.isEmpty {
      out.append(w("trend.no-mapping"))
    } else {
      out.append(w("trend.mapping"))
      out += report.mappingLines(w).map { "- " + $0 }
    }
    for framework in report.frameworks {
      out.append("")
      let heading = w("trend.index-heading", ["index": w.indexHeading(framework.indexHeading, label: framework.indexLabel)])
      out.append("== \(framework.name) (\(framework.id) \(framework.version)): \(heading) ==")
      out.append(indexTable(framework, waves: report.waves, w))
      out.append("")
      out.append(w("trend.dimensions"))
      out.append(dimensionTable(framework, waves: report.waves, w))
    }
    out.append("")
    let rule = RuleSentences(w).privacy(minGroupSize: report.minGroupSize)
    out.append(w("trend.privacy", ["size": String(report.minGroupSize), "rule": rule]))
    for (i, privacy) in report.privacy.enumerated() where i < report.waves.count && !privacy.audit.isEmpty {
      out.append(w("trend.wave-audit", ["name": report.waves[i].name]))
      out += privacy.audit.map { "- " + PrivacyAuditReport.line($0, words: w) }
    }
    return out.joined(separator: "\n") + "\n"
  }

  private func indexTable(_ framework: FrameworkTrend, waves: [WaveInput], _ words: ReportWords) -> String {
    var header = [words("team")]
    for (w, wave) in waves.enumerated() { header += [wave.name, "n"] + (w > 0 ? ["Δ"] : []) }
    var table = TextTable(header, rightAligned: Set(1..<header.count))
    for line in framework.teams + [framework.organisation] {
      var row = [words.group(line.team)]
      for w in waves.indices {
        let point = line.points[w]
        row.append(point == nil ? "" : (point?.suppression ?? point?.indexSuppression) != nil ? "-" : Format.fixed(point?.index, 1))
        row.append(point.map { String($0.n) } ?? "")
        if w > 0 { row.append(Format.change(line.indexChange(at: w))) }
      }
      table.add(row)
    }
    return table.render()
  }

  private func dimensionTable(_ framework: FrameworkTrend, waves: [WaveInput], _ words: ReportWords) -> String {
    var header = [words("team"), words("dimension")]
    for (w, wave) in waves.enumerated() { header += [wave.name] + (w > 0 ? ["Δ"] : []) }
    var table = TextTable(header, rightAligned: Set(2..<header.count))
    for line in framework.teams + [framework.organisation] where line.points.contains(where: { $0 != nil && $0?.suppression == nil }) {
      for dimension in framework.dimensions {
        var row = [words.group(line.team), dimension.name]
        for w in waves.indices {
          let point = line.points[w]
          let withheld = point?.suppression != nil || point?.dimensions.first { $0.id == dimension.id }?.suppression != nil
          row.append(point == nil ? "" : withheld ? "-" : Format.fixed(line.pomp(of: dimension.id, at: w), 1))
          if w > 0 { row.append(Format.change(line.pompChange(of: dimension.id, at: w))) }
        }
        table.add(row)
      }
    }
    return table.render()
  }
}
