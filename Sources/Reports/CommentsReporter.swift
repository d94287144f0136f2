import SurveyModel

/// `cultivar comments` as text: every text from respondents or plugins is made safe for a
/// terminal; withheld groups show their commenter count and the reason only.
public struct CommentsTableReporter: ReportRenderer {
  public static let identifier = "table"
  public init() {}

  public func render(_ report: CommentsReport) -> String {
    let safe = { (text: String) in SafeText.terminal(text) }
    let w = ReportWords(report.survey.language)
    let commenters = { (n: Int) in w(n == 1 ? "comments.commenters-one" : "comments.commenters", ["n": String(n)]) }
    var out = [
      w("comments.title", ["title": safe(report.survey.title), "id": safe(report.survey.id), "cut": w.cut(report.cut)]),
      w.inputLine(report.input.mapText(safe)),
    ]
    for item in report.items {
      out += ["", "== \(safe(item.text)) (\(safe(item.id))) =="]
      for group in item.groups {
        out.append("")
        let values = ["group": w.group(safe(group.name)), "commenters": commenters(group.commenters)]
        if let reason = group.withheld {
          out.append(w("comments.group-withheld", values.merging(["why": Self.words(reason, w)]) { $1 }))
          continue
        }
        out.append(w(group.comments.isEmpty ? "comments.group-empty" : "comments.group", values))
        if !item.themes.isEmpty, !group.comments.isEmpty {
          let counts = item.themes.indices.map { "\(safe(item.themes[$0].name)) \(group.themeCounts[$0])" }
          out.append("  " + w("comments.themes", ["list": counts.joined(separator: "; ")]))
        }
        out += group.comments.map {
          "  - "
            + SafeText.terminal($0, keepingLineBreaks: true).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(
              separator: "\n    ")
        }
      }
    }
    let withheld = report.items.flatMap { item in item.groups.compactMap { g in g.withheld.map { (item.id, g, $0) } } }
    let rule = RuleSentences(w).comments(threshold: report.threshold)
    out += ["", w("comments.privacy", ["threshold": String(report.threshold), "rule": rule])]
    for (item, group, reason) in withheld {
      let entry = "\(w.group(safe(group.name))), \(safe(item)) (\(commenters(group.commenters)))"
      out.append(
        "- " + w("comments.withheld-entry", ["entry": entry, "rule": reason.rawValue, "threshold": String(report.threshold)])
          + w.wouldShowSuffix(group.wouldShow?.mappingNames(safe), group: safe(group.name)))
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// Why comments are withheld, in words.
  static func words(_ reason: Suppression, _ w: ReportWords) -> String {
    switch reason {
    case .belowMinimum, .dataPointBelowMinimum: return w("comments.why-minimum")
    case .complementary: return w("comments.why-complementary")
    case .nested, .mapping: return w("comments.why-nested")
    default: return w.reason(reason)
    }
  }

}

/// `cultivar comments` as JSON (schema `cultivar.comments/1`): a withheld group's comments and
/// theme counts are null.
public struct CommentsJSONReporter: ReportRenderer {
  public static let identifier = "json"
  public init() {}

  public func render(_ report: CommentsReport) -> String {
    let items: [JSON] = report.items.map { item in
      .object([
        ("id", .string(item.id)), ("text", .string(item.text)),
        ("themes", .array(item.themes.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })),
        (
          "groups",
          .array(
            item.groups.map { group in
              .object([
                ("name", .string(group.name)), ("commenters", .number(Double(group.commenters))),
                ("withheld", group.withheld.map { .string($0.rawValue) } ?? .null),
                (
                  "would_show",
                  group.withheld == nil ? .null : .string(group.wouldShow.map { ReportWords(nil).wouldShow($0, group: group.name) } ?? "")
                ),
                ("would_show_when", group.withheld == nil ? .null : AuditHintJSON.json(group.wouldShow)),
                (
                  "theme_counts",
                  group.withheld == nil && !item.themes.isEmpty
                    ? .object(item.themes.indices.map { (item.themes[$0].id, .number(Double(group.themeCounts[$0]))) }) : .null
                ),
                ("comments", group.withheld == nil ? .array(group.comments.map(JSON.string)) : .null),
              ])
            })
        ),
      ])
    }
    return UnscoredJSON.document(
      schema: "cultivar.comments/1", survey: report.survey, input: report.input, cut: report.cut,
      privacy: [("comment_threshold", .number(Double(report.threshold))), ("rule", .string(report.rule))], items: items)
  }
}
