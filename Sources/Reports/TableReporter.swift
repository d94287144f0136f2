import SurveyModel

/// The human-readable report printed to a terminal.
public struct TableReporter: ReportRenderer {
  public static let identifier = "table"
  public init() {}

  public func write(_ report: ScoreReport, to sink: ReportSink) throws {
    sink.write(text(report))
  }

  private func text(_ report: ScoreReport) -> String {
    // Every name, label and advice from the inputs is shown, never obeyed, by the terminal.
    let report = report.mapText { SafeText.terminal($0) }
    var out: [String] = []
    let input = report.input
    out.append("\(report.survey.title) (\(report.survey.id))")
    out.append(
      "\(input.file): \(Counted.rows(read: input.rowsRead, used: input.rowsUsed, rejected: input.rowsRejected))"
        + (input.rejectsFile.map { " (see \($0))" } ?? ""))
    for framework in report.frameworks {
      out.append("")
      out.append(contentsOf: section(framework, cut: report.cut))
    }
    if !report.participation.isEmpty {
      out.append("")
      out.append(
        "Participation (\(report.cut == "team" ? "teams" : report.cut); rates only where at least \(report.privacy.minGroupSize) people were invited):"
      )
      var table = TextTable(["Unit", "Invited", "Responded", "Rate"], rightAligned: [1, 2, 3])
      for p in report.participation {
        table.add([p.unit, p.invited.map(String.init) ?? "-", String(p.responded), p.rate.map { Format.fixed($0 * 100, 0) + "%" } ?? "-"])
      }
      out.append(table.render())
    }
    out.append("")
    out.append(contentsOf: privacy(report.privacy))
    return out.joined(separator: "\n") + "\n"
  }

  private func section(_ framework: FrameworkResult, cut: String = "team") -> [String] {
    var out = ["== \(framework.name) (\(framework.id) \(framework.version)), scale \(framework.scale.rangeText) =="]
    let group = cut == "language" ? "Language" : "Team"
    var summary = TextTable([group, "n", framework.indexHeading, "Band"], rightAligned: [1, 2])
    for team in framework.teams + [framework.organisation] {
      if let reason = team.suppression {
        summary.add([team.team, String(team.n), "-", "suppressed (\(reason.words))"])
      } else if let reason = team.indexSuppression {
        summary.add([team.team, String(team.n), "-", "withheld (\(reason.words))"])
      } else {
        summary.add([team.team, String(team.n), Format.fixed(team.index, 1), team.band?.label ?? ""])
      }
    }
    out.append(summary.render())
    out.append("")
    // Frameworks with published benchmarks get two more columns: the benchmark and the difference.
    let benchmarked = framework.dimensions.contains { $0.benchmark != nil }
    var detail = TextTable(
      [group, "Dimension", "n", "Mean", "SD", "POMP", "Fav %"] + (benchmarked ? ["Bench", "Diff"] : []),
      rightAligned: benchmarked ? [2, 3, 4, 5, 6, 7, 8] : [2, 3, 4, 5, 6])
    let names = Dictionary(uniqueKeysWithValues: framework.dimensions.map { ($0.id, $0.name) })
    let infos = Dictionary(uniqueKeysWithValues: framework.dimensions.map { ($0.id, $0) })
    for team in framework.teams + [framework.organisation] where team.suppression == nil {
      for dimension in team.dimensions {
        if dimension.suppression != nil {
          detail.add([team.team, names[dimension.id] ?? dimension.id, String(dimension.n), "-"])
          continue
        }
        var row = [
          team.team, names[dimension.id] ?? dimension.id, String(dimension.n), Format.fixed(dimension.mean, 2),
          Format.fixed(dimension.sd, 2), Format.fixed(dimension.pomp, 1), Format.fixed(dimension.favorable, 1),
        ]
        if benchmarked {
          let info = infos[dimension.id]
          row += [info?.benchmark.map { Format.fixed($0, 0) } ?? "", Format.signed(info?.differenceFromBenchmark(dimension), 1)]
        }
        detail.add(row)
      }
    }
    out.append(detail.render())
    if !framework.measures.isEmpty {
      out.append("")
      out.append(contentsOf: measures(framework))
    }
    let advice = (framework.teams + [framework.organisation]).filter { $0.suppression == nil }.flatMap { team in
      team.dimensions.compactMap { d in
        let benchmark = infos[d.id]?.benchmark.map { "; benchmark \(Format.fixed($0, 0))" } ?? ""
        return d.advice.map { "- \(team.team), \(names[d.id] ?? d.id) (\(Format.fixed(d.pomp, 0))/100\(benchmark)): \($0)" }
      }
        + (team.band?.advice.map { ["- \(team.team), \(framework.indexLabel) \(Format.fixed(team.index, 1)) (\(team.band!.label)): \($0)"] } ?? [])
    }
    if !advice.isEmpty {
      out.append("")
      out.append("What to do:")
      out.append(contentsOf: advice)
    }
    let alphas = framework.reliability.map { r in
      "\(names[r.id] ?? r.id) \(r.alpha.map { Format.fixed($0, 2) } ?? "-") (\(Counted.phrase(r.items, "item")))"
    }
    if !alphas.isEmpty {
      out.append("")
      out.append("Reliability (Cronbach's alpha, all respondents, pairwise deletion): " + alphas.joined(separator: "; "))
    }
    out.append("")
    out.append("Index rule: \(framework.indexRule).")
    out.append("Missing data: \(framework.missingRule).")
    out.append("Favourability: \(framework.favorableRule).")
    out.append("Source: \(framework.source)")
    return out
  }

  /// Each shown team's aggregates of the per-respondent measures.
  private func measures(_ framework: FrameworkResult) -> [String] {
    var table = TextTable(["Team", "Measure", "n", "Mean", "SD", "Sum", "≥ %", "≤ %", "Pooled"], rightAligned: [2, 3, 4, 5, 6, 7, 8])
    let names = Dictionary(uniqueKeysWithValues: framework.measures.map { ($0.id, $0.name) })
    for team in framework.teams + [framework.organisation] where team.suppression == nil {
      for m in team.measures {
        if m.suppression != nil {
          table.add([team.team, names[m.id] ?? m.id, String(m.n), "-"])
          continue
        }
        table.add([
          team.team, names[m.id] ?? m.id, String(m.n), Format.fixed(m.mean, 2), Format.fixed(m.sd, 2), Format.fixed(m.sum, 1),
          m.atLeast.map { Format.fixed($0, 1) } ?? "", m.atMost.map { Format.fixed($0, 1) } ?? "", m.pooled.map { Format.fixed($0, 2) } ?? "",
        ])
      }
    }
    return ["Per-respondent measures (" + framework.measures.map { "\($0.name) = \($0.rule)" }.joined(separator: "; ") + "):", table.render()]
  }

  private func privacy(_ privacy: PrivacySummary) -> [String] {
    PrivacyAuditReport.lines(privacy)
  }

}
