import SurveyModel

extension ReportWords {
  /// What would show a withheld number of `group`, in this language: "would be shown with 2
  /// more respondents in Legal". The organisation's name is put in this language too.
  func wouldShow(_ hint: AuditHint, group: String) -> String {
    let on = { (point: String?) in point.map { self("would-show.on", ["point": $0]) } ?? self("would-show.on-each") }
    switch hint {
    case .moreRespondents(let more, let point):
      let key = "would-show.more" + (point == nil ? "" : "-answering") + (more == 1 ? "-one" : "")
      return self(key, ["more": String(more), "point": point ?? "", "group": self.group(group)])
    case .remainder(let of, let point, let size, let more):
      return self("would-show.remainder", ["group": self.group(of), "on": on(point), "size": String(size), "more": String(more)])
    case .unshownPart(let of, let point, let size, let more):
      return self("would-show.unshown-part", ["group": self.group(of), "on": on(point), "size": String(size), "more": String(more)])
    case .overlap(let leak, let point):
      return self("would-show.overlap", ["protects": protects(leak), "on": on(point)])
    case .tooMany(let point):
      return self("would-show.too-many", ["on": on(point)])
    }
  }

  /// What the overlap rule protects, in words.
  private func protects(_ leak: AuditLeak) -> String {
    switch leak {
    case .numberOf(let group): return self("protects.number", ["group": self.group(group)])
    case .respondents(let n): return n == 1 ? self("protects.respondents-one") : self("protects.respondents", ["n": String(n)])
    }
  }

  /// "; would be shown …" after an audit line, or nothing without a hint.
  func wouldShowSuffix(_ hint: AuditHint?, group: String) -> String {
    hint.map { "; " + wouldShow($0, group: group) } ?? ""
  }
}

/// The hint as JSON: its kind and numbers, so that a program need not read the sentence.
enum AuditHintJSON {
  /// `{"kind": "more_respondents", "respondents": 2, "data_point": null}`, and the like;
  /// `null` without a hint.
  static func json(_ hint: AuditHint?) -> JSON {
    guard let hint else { return .null }
    switch hint {
    case .moreRespondents(let more, let point):
      return .object([("kind", .string("more_respondents")), ("data_point", .string(point)), ("respondents", .number(Double(more)))])
    case .remainder(let of, let point, let size, let more):
      return part("remainder", of, point, size, more)
    case .unshownPart(let of, let point, let size, let more):
      return part("unshown_part", of, point, size, more)
    case .overlap(let leak, let point):
      var fields: [(String, JSON)] = [("kind", .string("overlap")), ("data_point", .string(point))]
      switch leak {
      case .numberOf(let group): fields += [("protects_group", .string(group)), ("protects_respondents", .null)]
      case .respondents(let n): fields += [("protects_group", .null), ("protects_respondents", .number(Double(n)))]
      }
      return .object(fields)
    case .tooMany(let point):
      return .object([("kind", .string("too_many_groups")), ("data_point", .string(point))])
    }
  }

  private static func part(_ kind: String, _ of: String, _ point: String?, _ size: Int, _ more: Int) -> JSON {
    .object([
      ("kind", .string(kind)), ("data_point", .string(point)), ("of_group", .string(of)), ("threshold", .number(Double(size))),
      ("respondents", .number(Double(more))),
    ])
  }
}
