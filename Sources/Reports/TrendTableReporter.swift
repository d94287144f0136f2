import SurveyModel

/// The trend as text tables: per framework, the index of each team in each wave with the
/// change since the wave before, then the same for every dimension's POMP.
public struct TrendTableReporter: ReportRenderer {
  public static let identifier = "table"
  public init() {}

  public func render(_ report: TrendReport) -> String {
    // Every name and label from the inputs is shown, never obeyed, by the terminal.
    let report = report.mapText { SafeText.terminal($0) }
    var out = ["\(report.survey.title) (\(report.survey.id)): trend over \(report.waves.count) wave\(report.waves.count == 1 ? "" : "s")"]
    out.append("Waves: " + report.waves.map { "\($0.name) (\($0.responses) responses)" }.joined(separator: ", "))
    if let cut = report.cut { out.append("Groups: --by \(cut), each wave decided with the whole universe of cuts (see docs/organisation.md).") }
    if report.mappingApplied.isEmpty {
      out.append("Team mapping: none declared; teams are matched by name.")
    } else {
      out.append("Team mapping applied:")
      out += report.mappingLines.map { "- " + $0 }
    }
    for framework in report.frameworks {
      out.append("")
      out.append(
        "== \(framework.name) (\(framework.id) \(framework.version)): \(framework.indexHeading) per wave, Δ = change since the wave before ==")
      out.append(indexTable(framework, waves: report.waves))
      out.append("")
      out.append("Dimensions (POMP 0–100):")
      out.append(dimensionTable(framework, waves: report.waves))
    }
    out.append("")
    out.append(
      "Privacy: minimum group size \(report.minGroupSize), applied to each wave as `score` of that wave applies it, and mapped teams checked against it; \(report.privacyRule). '-' = withheld in that wave, blank = no responses."
    )
    for (w, privacy) in report.privacy.enumerated() where w < report.waves.count && !privacy.audit.isEmpty {
      out.append("Wave \(report.waves[w].name):")
      out += privacy.audit.map { "- " + PrivacyAuditReport.line($0) }
    }
    return out.joined(separator: "\n") + "\n"
  }

  private func indexTable(_ framework: FrameworkTrend, waves: [WaveInput]) -> String {
    var header = ["Team"]
    for (w, wave) in waves.enumerated() { header += [wave.name, "n"] + (w > 0 ? ["Δ"] : []) }
    var table = TextTable(header, rightAligned: Set(1..<header.count))
    for line in framework.teams + [framework.organisation] {
      var row = [line.team]
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

  private func dimensionTable(_ framework: FrameworkTrend, waves: [WaveInput]) -> String {
    var header = ["Team", "Dimension"]
    for (w, wave) in waves.enumerated() { header += [wave.name] + (w > 0 ? ["Δ"] : []) }
    var table = TextTable(header, rightAligned: Set(2..<header.count))
    for line in framework.teams + [framework.organisation] where line.points.contains(where: { $0 != nil && $0?.suppression == nil }) {
      for dimension in framework.dimensions {
        var row = [line.team, dimension.name]
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
