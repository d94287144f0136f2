import LuaBridge
import SurveyModel

/// Index rules (added within plugin API 1): per-respondent `measures`, a named rule in
/// `index_by`, the index's `index_label` and `index_range`, a `score_rule` in words, and each
/// dimension's own `min_answered`.
extension ContractReader {
  static let measureFields = ["id", "name", "description", "item", "dimension", "all_items", "count_of", "min", "max", "at_least", "at_most"]
  static let indexByFields = ["rule", "measure", "item", "dimension", "count_of", "at_least", "at_most", "weights"]

  /// The rule fields of the plugin table, read into `framework`.
  mutating func readRules(_ plugin: LuaTable, into framework: inout Framework) {
    framework.measures = readMeasures(plugin["measures"], framework: framework)
    framework.indexDefinition = readIndexBy(plugin["index_by"], framework: &framework)
    if !plugin["index_label"].isNil {
      framework.declaredIndexLabel = visibleText(plugin["index_label"], field: "index_label", path: Translations.Field.indexLabel, line: nil)
      if framework.declaredIndexLabel == nil {
        problem("'index_label' must be text (got \(plugin["index_label"].typeName))", line: locator.line(ofField: "index_label"))
      }
    }
    framework.declaredIndexRange = readIndexRange(plugin["index_range"])
    framework.scoreRuleText = optionalVisibleText(plugin, "score_rule", path: Translations.Field.scoreRule)
    if framework.indexDefinition != nil {
      if framework.hooks.contains(.index) {
        problem("'index_by' and an 'index' hook both define the index: keep one", line: locator.line(ofField: "index_by"))
      }
      if framework.declaredIndexRange != nil {
        var ruled = framework
        ruled.declaredIndexRange = nil
        problem(
          "'index_range' is fixed by the rule of 'index_by' (\(Number.format(ruled.indexRange.lowerBound))–\(Number.format(ruled.indexRange.upperBound))): remove 'index_range'",
          line: locator.line(ofField: "index_range"))
      }
    }
    if framework.scoreRuleText != nil, !framework.hooks.contains(.score) {
      problem("'score_rule' describes a 'score' hook, but the plugin has none: remove it or add the hook", line: locator.line(ofField: "score_rule"))
    }
  }

  /// `min_answered` of a dimension table or of the plugin: a whole count ≥ 1, or a share in (0, 1).
  mutating func readMinimum(_ value: LuaValue, what: String, line: Int?) -> MinimumAnswered? {
    switch value {
    case .nil: return nil
    case .number(let n) where n > 0 && n < 1: return .share(n)
    case .number(let n) where n >= 1 && n == n.rounded() && n <= Double(Self.maximumCount): return .count(Int(n))
    case let other:
      problem(
        "\(what) must be a whole number of items (at least 1) or a share of the items between 0 and 1, such as 0.6 (got \(other.number.map(Number.format) ?? other.typeName))",
        line: line)
      return nil
    }
  }

  private mutating func readMeasures(_ value: LuaValue, framework: Framework) -> [Measure] {
    guard !value.isNil else { return [] }
    let listLine = locator.line(ofField: "measures")
    guard let list = value.table, list.fields.isEmpty, !list.sequence.isEmpty else {
      problem("'measures' must be a list of { id = ..., name = ..., ... } tables (got \(value.typeName))", line: listLine)
      return []
    }
    var measures: [Measure] = []
    for (index, entry) in list.sequence.enumerated() {
      guard let table = entry.table, let id = table["id"].string, !id.isEmpty else {
        problem("measure #\(index + 1) needs an 'id'", line: listLine)
        continue
      }
      let line = locator.line(ofString: id, after: (listLine ?? 1) - 1) ?? listLine
      for key in table.fieldNames where !Self.measureFields.contains(key) && !key.hasPrefix("_") {
        problem("measure '\(id)': unknown field '\(key)'\(Suggestion.hint(for: key, in: Self.measureFields))", line: line)
      }
      let name = visibleText(table["name"], field: "name", owner: "measure '\(id)'", path: Translations.Field.measure(id), line: line) ?? ""
      if name.isEmpty { problem("measure '\(id)' needs a 'name'", line: line) }
      guard let source = readSource(table, owner: "measure '\(id)'", framework: framework, line: line) else { continue }
      var range = (framework.scale.min, framework.scale.max)
      if source == .hook {
        guard framework.hooks.contains(.score) else {
          problem(
            "measure '\(id)' names no 'item', 'dimension' or 'all_items', so the score hook must compute it, but the plugin has no 'score' hook",
            line: line)
          continue
        }
        guard let min = finite(table, "min", of: "measure '\(id)'", line: line), let max = finite(table, "max", of: "measure '\(id)'", line: line)
        else {
          problem("measure '\(id)' is computed by the score hook and needs its range: numbers 'min' and 'max'", line: line)
          continue
        }
        guard min < max else {
          problem("measure '\(id)': 'min' (\(Number.format(min))) must be below 'max' (\(Number.format(max)))", line: line)
          continue
        }
        range = (min, max)
      } else if case .countOf(let item) = source {
        range = Self.countRange(item, in: framework)
        if !table["min"].isNil || !table["max"].isNil {
          problem(
            "measure '\(id)' counts the options chosen in '\(item)' (\(Number.format(range.0))–\(Number.format(range.1))); 'min' and 'max' are for measures the score hook computes",
            line: line)
        }
      } else if !table["min"].isNil || !table["max"].isNil {
        problem(
          "measure '\(id)' takes its range from the scale (\(framework.scale.rangeText)); 'min' and 'max' are for measures the score hook computes",
          line: line)
      }
      let measure = Measure(
        id: id, name: name, source: source, min: range.0, max: range.1,
        atLeast: finite(table, "at_least", of: "measure '\(id)'", line: line), atMost: finite(table, "at_most", of: "measure '\(id)'", line: line))
      add(measure, to: &measures, framework: framework, line: line)
    }
    return measures
  }

  /// Adds a measure unless its id is taken (by a dimension or another measure: the `score`
  /// hook's result names both).
  private mutating func add(_ measure: Measure, to measures: inout [Measure], framework: Framework, line: Int?) {
    if framework.dimensions.contains(where: { $0.id == measure.id }) || measures.contains(where: { $0.id == measure.id }) {
      problem("measure '\(measure.id)': the id is already used by a dimension or measure; ids of dimensions and measures must differ", line: line)
      return
    }
    measures.append(measure)
  }

  /// Where a measure's value comes from: `item`, `dimension` (an id or a list), `all_items =
  /// true`, or nothing (the score hook).
  private mutating func readSource(_ table: LuaTable, owner: String, framework: Framework, line: Int?) -> Measure.Source? {
    let given = ["item", "dimension", "all_items", "count_of"].filter { !table[$0].isNil }
    if given.count > 1 {
      problem("\(owner) gives \(given.map { "'\($0)'" }.joined(separator: " and ")): give one source", line: line)
      return nil
    }
    switch given.first {
    case "item":
      guard let id = table["item"].string, framework.items.contains(where: { $0.id == id }) else {
        let name = table["item"].string ?? ""
        problem(
          "\(owner): 'item' must name one of the plugin's items (got \(name.isEmpty ? table["item"].typeName : "'\(name)'"))\(Suggestion.hint(for: name, in: framework.items.map(\.id)))",
          line: line)
        return nil
      }
      return .item(id)
    case "dimension":
      let ids = table["dimension"].string.map { [$0] } ?? table["dimension"].table?.sequence.compactMap(\.string) ?? []
      let known = framework.dimensions.map(\.id)
      guard !ids.isEmpty, ids.count == (table["dimension"].string != nil ? 1 : table["dimension"].table?.sequence.count) else {
        problem("\(owner): 'dimension' must be a dimension id or a list of them", line: line)
        return nil
      }
      for id in ids where !known.contains(id) {
        problem("\(owner) names unknown dimension '\(id)'\(Suggestion.hint(for: id, in: known))", line: line)
        return nil
      }
      return .dimensions(ids)
    case "all_items":
      guard case .boolean(true) = table["all_items"] else {
        problem("\(owner): 'all_items' must be true (got \(table["all_items"].typeName))", line: line)
        return nil
      }
      return .allItems
    case "count_of":
      let multis = framework.unscoredItems.filter { $0.kind == .multi }.map(\.id)
      guard let id = table["count_of"].string, multis.contains(id) else {
        let name = table["count_of"].string ?? ""
        problem(
          "\(owner): 'count_of' must name one of the plugin's multi-select items (type = \"multi\")\(multis.isEmpty ? ", and the plugin has none" : ": \(multis.joined(separator: ", "))") (got \(name.isEmpty ? table["count_of"].typeName : "'\(name)'"))\(Suggestion.hint(for: name, in: multis))",
          line: line)
        return nil
      }
      return .countOf(id)
    default:
      return .hook
    }
  }

  /// The range of a count of options chosen: 0 to the multi-select item's number of options.
  static func countRange(_ item: String, in framework: Framework) -> (Double, Double) {
    (0, Double(framework.unscoredItems.first { $0.id == item }?.options.count ?? 0))
  }

  private mutating func finite(_ table: LuaTable, _ key: String, of owner: String, line: Int?) -> Double? {
    switch table[key] {
    case .nil: return nil
    case .number(let x) where x.isFinite: return x
    case let other:
      problem("\(owner): '\(key)' must be a finite number (got \(other.number.map(Number.format) ?? other.typeName))", line: line)
      return nil
    }
  }

  /// `index_by = { rule = "nps", item = "enps" }`: a built-in rule; a rule on a respondent's
  /// value names a declared `measure` or gives the value's source inline, which declares a
  /// measure named after the rule.
  private mutating func readIndexBy(_ value: LuaValue, framework: inout Framework) -> IndexDefinition? {
    guard !value.isNil else { return nil }
    let line = locator.line(ofField: "index_by")
    let rules = IndexDefinition.Rule.allCases.map(\.rawValue)
    guard let table = value.table else {
      problem("'index_by' must be a table such as { rule = \"nps\", item = \"enps\" } (got \(value.typeName))", line: line)
      return nil
    }
    for key in table.fieldNames where !Self.indexByFields.contains(key) && !key.hasPrefix("_") {
      problem("'index_by': unknown field '\(key)'\(Suggestion.hint(for: key, in: Self.indexByFields))", line: line)
    }
    let name = table["rule"].string ?? ""
    guard let rule = IndexDefinition.Rule(rawValue: name) else {
      problem(
        "'index_by': 'rule' must be one of \(rules.joined(separator: ", ")) (got \(name.isEmpty ? table["rule"].typeName : "'\(name)'"))\(Suggestion.hint(for: name, in: rules))",
        line: line)
      return nil
    }
    if rule == .pompMean {
      for key in ["measure", "item", "dimension", "count_of", "at_least", "at_most"] where !table[key].isNil {
        problem("'index_by': the pomp_mean rule reads the dimensions' POMP; '\(key)' does not apply (use 'weights')", line: line)
      }
      return IndexDefinition(rule: rule, weights: readWeights(table["weights"], framework: framework, line: line))
    }
    if !table["weights"].isNil { problem("'index_by': 'weights' applies to the pomp_mean rule only", line: line) }
    var thresholds = (
      atLeast: finite(table, "at_least", of: "'index_by'", line: line), atMost: finite(table, "at_most", of: "'index_by'", line: line)
    )
    if rule == .nps { thresholds = (thresholds.atLeast ?? 9, thresholds.atMost ?? 6) }
    var measure: Measure
    if let id = table["measure"].string {
      guard let declared = framework.measures.first(where: { $0.id == id }) else {
        problem("'index_by' names unknown measure '\(id)'\(Suggestion.hint(for: id, in: framework.measures.map(\.id)))", line: line)
        return nil
      }
      for key in ["item", "dimension", "count_of"] where !table[key].isNil {
        problem("'index_by': give either 'measure' or '\(key)'", line: line)
      }
      measure = declared
      if table["at_least"].isNil == false || table["at_most"].isNil == false {
        problem("'index_by': set 'at_least' and 'at_most' on measure '\(id)' itself", line: line)
      }
    } else {
      guard let source = readSource(table, owner: "'index_by'", framework: framework, line: line) else { return nil }
      let inline = source == .hook ? Measure.Source.allItems : source
      let measureName: String
      var range = (framework.scale.min, framework.scale.max)
      switch inline {
      case .item(let id): measureName = "Answer to \(id)"
      case .dimensions(let ids): measureName = "Own \(ids.joined(separator: "/")) score"
      case .countOf(let id):
        measureName = "Options chosen in \(id)"
        range = Self.countRange(id, in: framework)
      default: measureName = "Own mean of all items"
      }
      measure = Measure(
        id: rule.rawValue, name: measureName, source: inline, min: range.0, max: range.1,
        atLeast: thresholds.atLeast, atMost: thresholds.atMost)
      let before = framework.measures.count
      add(measure, to: &framework.measures, framework: framework, line: line)
      if framework.measures.count == before { return nil }
    }
    switch rule {
    case .pooled where measure.source != .allItems:
      problem("'index_by': the pooled rule pools every answer to every item; remove 'item', 'dimension', 'count_of' or 'measure'", line: line)
    case .sharePositive where measure.atLeast == nil:
      problem(
        "'index_by': the share_positive rule needs 'at_least', the value from which a respondent counts as positive (e.g. at_least = 3.5)", line: line
      )
    case .nps where measure.atLeast == nil || measure.atMost == nil:
      problem("'index_by': the nps rule needs 'at_least' (promoters) and 'at_most' (detractors) on measure '\(measure.id)'", line: line)
    default: break
    }
    return IndexDefinition(rule: rule, measure: measure.id)
  }

  private mutating func readWeights(_ value: LuaValue, framework: Framework, line: Int?) -> [(dimension: String, weight: Double)] {
    guard !value.isNil else { return [] }
    guard let table = value.table, table.sequence.isEmpty, !table.fields.isEmpty else {
      problem("'index_by': 'weights' must be a table of dimension id = weight, such as { growth = 2, voice = 1 }", line: line)
      return []
    }
    let known = framework.dimensions.map(\.id)
    for key in table.fieldNames where !known.contains(key) {
      problem("'index_by': 'weights' names unknown dimension '\(key)'\(Suggestion.hint(for: key, in: known))", line: line)
    }
    return framework.dimensions.compactMap { d in
      guard !table[d.id].isNil else { return nil }
      guard let w = table[d.id].number, w.isFinite, w > 0 else {
        problem(
          "'index_by': the weight of '\(d.id)' must be a positive number (got \(table[d.id].number.map(Number.format) ?? table[d.id].typeName))",
          line: line)
        return nil
      }
      return (d.id, w)
    }
  }

  private mutating func readIndexRange(_ value: LuaValue) -> ClosedRange<Double>? {
    guard !value.isNil else { return nil }
    let line = locator.line(ofField: "index_range")
    let bounds = value.table?.sequence.compactMap(\.number) ?? []
    guard let table = value.table, table.fields.isEmpty, table.sequence.count == 2, bounds.count == 2,
      bounds.allSatisfy({ $0.isFinite && abs($0) <= Self.maximumScaleValue }), bounds[0] < bounds[1]
    else {
      problem("'index_range' must be { lowest, highest }, two finite numbers, the lowest first, such as { -100, 100 }", line: line)
      return nil
    }
    return bounds[0]...bounds[1]
  }
}
