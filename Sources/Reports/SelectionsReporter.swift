import SurveyModel

/// `cultivar selections` as text: per multi-select item and group, n (respondents who answered
/// it), the percentage choosing each option and the mean number chosen; a withheld group shows
/// its n and the reason only.
public struct SelectionsTableReporter: ReportRenderer {
  public static let identifier = "table"
  public init() {}

  public func render(_ report: SelectionsReport) -> String {
    let safe = { (text: String) in SafeText.terminal(text) }
    let w = ReportWords(report.survey.language)
    let k = report.minGroupSize
    var out = [
      w("selections.title", ["title": safe(report.survey.title), "id": safe(report.survey.id), "cut": w.cut(report.cut)]),
      w.inputLine(report.input.mapText(safe)),
    ]
    for item in report.items {
      out += ["", "== " + w("selections.heading", ["text": safe(item.text), "id": safe(item.id)]) + " =="]
      var table = TextTable(
        [w("selections.group"), "n"] + item.options.map { safe($0.label) } + [w("selections.mean-chosen")],
        rightAligned: Set(1...(item.options.count + 2)))
      for group in item.groups {
        let name = w.group(safe(group.name))
        if group.withheld != nil {
          // Why is said in the privacy section below.
          table.add([name, String(group.n)] + [String](repeating: "-", count: item.options.count + 1))
        } else {
          table.add([name, String(group.n)] + group.percents.map { Format.fixed($0, 1) } + [Format.fixed(group.meanChosen, 2)])
        }
      }
      out.append(table.render())
    }
    out += ["", "\(w("privacy")): " + w("privacy-rule", ["size": String(k), "rule": RuleSentences(w).selections(minGroupSize: k)])]
    for item in report.items {
      for group in item.groups {
        guard let reason = group.withheld else { continue }
        out.append(
          "- \(w.group(safe(group.name))), \(safe(item.id)) (n = \(group.n)): \(w("withheld")) [\(reason.rawValue), \(w("threshold")) \(k)]"
            + w.wouldShowSuffix(group.wouldShow?.mappingNames(safe), group: safe(group.name)))
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

}

/// `cultivar selections` as CSV: one row per item, group and option, in full precision.
public struct SelectionsCSVReporter: ReportRenderer {
  public static let identifier = "csv"
  public init() {}

  public func render(_ report: SelectionsReport) -> String {
    var lines = [CSVText.line(["item", "group", "n", "option", "label", "percent", "mean_chosen", "withheld"])]
    for item in report.items {
      for group in item.groups {
        for (o, option) in item.options.enumerated() {
          let percent = group.percents.indices.contains(o) ? Format.exact(group.percents[o]) : ""
          lines.append(
            CSVText.line([
              item.id, SafeText.spreadsheetCell(group.name), String(group.n), option.id, SafeText.spreadsheetCell(option.label), percent,
              Format.exact(group.meanChosen), group.withheld?.rawValue ?? "",
            ]))
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

}

/// `cultivar selections` as JSON (schema `cultivar.selections/1`).
public struct SelectionsJSONReporter: ReportRenderer {
  public static let identifier = "json"
  public init() {}

  public func render(_ report: SelectionsReport) -> String {
    let items: [JSON] = report.items.map { item in
      .object([
        ("id", .string(item.id)), ("text", .string(item.text)),
        ("options", .array(item.options.map { .object([("id", .string($0.id)), ("label", .string($0.label))]) })),
        (
          "groups",
          .array(
            item.groups.map { group in
              .object([
                ("name", .string(group.name)), ("n", .number(Double(group.n))),
                ("withheld", group.withheld.map { .string($0.rawValue) } ?? .null),
                (
                  "percent",
                  group.withheld == nil && !group.percents.isEmpty
                    ? .object(item.options.indices.map { (item.options[$0].id, .number(group.percents[$0])) }) : .null
                ),
                ("mean_chosen", JSON.number(group.meanChosen)),
              ])
            })
        ),
      ])
    }
    return UnscoredJSON.document(
      schema: "cultivar.selections/1", survey: report.survey, input: report.input, cut: report.cut,
      privacy: [("min_group_size", .number(Double(report.minGroupSize))), ("rule", .string(report.rule))], items: items)
  }
}
