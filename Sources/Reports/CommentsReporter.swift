import SurveyModel

/// Renders `cultivar comments` as text or JSON. Every text from respondents or plugins is
/// made safe for a terminal; withheld groups show their commenter count and the reason only.
public enum CommentsReporter {
  /// The report as text.
  public static func table(_ report: CommentsReport) -> String {
    let safe = { (text: String) in SafeText.terminal(text) }
    var out = [
      "\(safe(report.survey.title)) (\(safe(report.survey.id))): comments per \(report.cut)",
      "\(safe(report.input.file)): \(Counted.rows(read: report.input.rowsRead, used: report.input.rowsUsed, rejected: report.input.rowsRejected))",
    ]
    for item in report.items {
      out += ["", "== \(safe(item.text)) (\(safe(item.id))) =="]
      for group in item.groups {
        out.append("")
        if let reason = group.withheld {
          out.append("\(safe(group.name)) (\(Counted.phrase(group.commenters, "commenter"))): comments withheld, \(words(reason))")
          continue
        }
        out.append("\(safe(group.name)) (\(Counted.phrase(group.commenters, "commenter")))" + (group.comments.isEmpty ? ": no comments" : ":"))
        if !item.themes.isEmpty, !group.comments.isEmpty {
          let counts = item.themes.indices.map { "\(safe(item.themes[$0].name)) \(group.themeCounts[$0])" }
          out.append("  Themes: " + counts.joined(separator: "; "))
        }
        out += group.comments.map {
          "  - "
            + SafeText.terminal($0, keepingLineBreaks: true).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(
              separator: "\n    ")
        }
      }
    }
    let withheld = report.items.flatMap { item in item.groups.compactMap { g in g.withheld.map { (item.id, g, $0) } } }
    out += ["", "Privacy: comment threshold \(report.threshold); \(report.rule)."]
    for (item, group, reason) in withheld {
      out.append(
        "- \(safe(group.name)), \(safe(item)) (\(Counted.phrase(group.commenters, "commenter"))): comments withheld [\(reason.rawValue), threshold \(report.threshold)]"
          + (group.wouldShow.isEmpty ? "" : "; \(safe(group.wouldShow))"))
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// Why comments are withheld, in words.
  static func words(_ reason: Suppression) -> String {
    switch reason {
    case .belowMinimum, .dataPointBelowMinimum: return "fewer commenters than the comment threshold"
    case .complementary: return "protects a smaller group's comments from subtraction from the organisation's"
    case .nested, .mapping: return "protects a smaller group's comments from subtraction from a larger group's"
    default: return reason.words
    }
  }

  /// The report as JSON (schema `cultivar.comments/1`).
  public static func json(_ report: CommentsReport) -> String {
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
                ("would_show", group.withheld == nil ? .null : .string(group.wouldShow)),
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
    return JSON.object([
      ("schema", .string("cultivar.comments/1")),
      ("survey", .object([("id", .string(report.survey.id)), ("title", .string(report.survey.title))])),
      (
        "input",
        .object([
          ("file", .string(report.input.file)), ("rows_read", .number(Double(report.input.rowsRead))),
          ("rows_used", .number(Double(report.input.rowsUsed))), ("rows_rejected", .number(Double(report.input.rowsRejected))),
        ])
      ),
      ("cut", .string(report.cut)),
      ("privacy", .object([("comment_threshold", .number(Double(report.threshold))), ("rule", .string(report.rule))])),
      ("items", .array(items)),
    ]).render() + "\n"
  }
}
