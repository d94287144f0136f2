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
    let w = ReportWords(report.survey.language)
    let report = w.namingOrganisation(report).mapText { SafeText.terminal($0) }
    var out: [String] = []
    out.append("\(report.survey.title) (\(report.survey.id))")
    out.append(w.inputLine(report.input))
    for framework in report.frameworks {
      out.append("")
      out.append(contentsOf: section(framework, cut: report.cut, words: w))
    }
    if !report.participation.isEmpty {
      out.append("")
      out.append(w("participation", ["cut": report.cut == "team" ? w("teams") : report.cut, "size": String(report.privacy.minGroupSize)]))
      var table = TextTable([w("unit"), w("invited"), w("responded"), w("rate")], rightAligned: [1, 2, 3])
      for p in report.participation {
        table.add([p.unit, p.invited.map(String.init) ?? "-", String(p.responded), p.rate.map { Format.fixed($0 * 100, 0) + "%" } ?? "-"])
      }
      out.append(table.render())
    }
    out.append("")
    out.append(contentsOf: PrivacyAuditReport.lines(report.privacy, words: w))
    return out.joined(separator: "\n") + "\n"
  }

  private func section(_ framework: FrameworkResult, cut: String, words w: ReportWords) -> [String] {
    var out = ["== \(framework.name) (\(framework.id) \(framework.version)), \(w("scale")) \(framework.scale.rangeText) =="]
    let group = cut == "language" ? w("language") : w("team")
    var summary = TextTable([group, "n", w.indexHeading(framework.indexHeading), w("band")], rightAligned: [1, 2])
    for team in framework.teams + [framework.organisation] {
      if let reason = team.suppression {
        summary.add([team.team, String(team.n), "-", "\(w("suppressed")) (\(w.reason(reason)))"])
      } else if let reason = team.indexSuppression {
        summary.add([team.team, String(team.n), "-", "\(w("withheld")) (\(w.reason(reason)))"])
      } else {
        summary.add([team.team, String(team.n), Format.fixed(team.index, 1), team.band?.label ?? ""])
      }
    }
    out.append(summary.render())
    out.append("")
    // Frameworks with published benchmarks get two more columns: the benchmark and the difference.
    let benchmarked = framework.dimensions.contains { $0.benchmark != nil }
    var detail = TextTable(
      [group, w("dimension"), "n", w("mean"), w("sd"), w("pomp"), w("fav")] + (benchmarked ? [w("bench"), w("diff")] : []),
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
      out.append(contentsOf: measures(framework, words: w))
    }
    let advice = (framework.teams + [framework.organisation]).filter { $0.suppression == nil }.flatMap { team in
      team.dimensions.compactMap { d in
        let benchmark = infos[d.id]?.benchmark.map { "; \(w("benchmark")) \(Format.fixed($0, 0))" } ?? ""
        return d.advice.map { "- \(team.team), \(names[d.id] ?? d.id) (\(Format.fixed(d.pomp, 0))/100\(benchmark)): \($0)" }
      }
        + (team.band?.advice.map {
          ["- \(team.team), \(w.indexLabel(framework.indexLabel)) \(Format.fixed(team.index, 1)) (\(team.band!.label)): \($0)"]
        } ?? [])
    }
    if !advice.isEmpty {
      out.append("")
      out.append(w("what-to-do") + ":")
      out.append(contentsOf: advice)
    }
    let alphas = framework.reliability.map { r in
      "\(names[r.dimension] ?? r.dimension) \(r.pairwise.map { Format.fixed($0.alpha, 2) } ?? "-") (\(w.items(r.items.count)))"
    }
    if !alphas.isEmpty {
      out.append("")
      out.append(w("alpha-line") + alphas.joined(separator: "; "))
    }
    out.append("")
    let rules = RuleSentences(w)
    out.append("\(w("index-rule")): \(rules.index(framework.rules)).")
    out.append("\(w("missing-data")): \(rules.missing(framework.rules)).")
    out.append("\(w("favourability")): \(rules.favourable(framework.rules)).")
    out.append("\(w("source")): \(framework.source)")
    return out
  }

  /// Each shown team's aggregates of the per-respondent measures.
  private func measures(_ framework: FrameworkResult, words w: ReportWords) -> [String] {
    var table = TextTable(
      [w("team"), w("measure"), "n", w("mean"), w("sd"), w("sum"), "≥ %", "≤ %", w("pooled")], rightAligned: [2, 3, 4, 5, 6, 7, 8])
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
    return [
      w("measures", ["list": framework.rules.measures.map { "\($0.name) = \(RuleSentences(w).measure($0))" }.joined(separator: "; ")]),
      table.render(),
    ]
  }

}
