import LuaBridge
import SurveyModel

/// Turns the table a plugin returns into a ``Framework``, listing every way it breaks the
/// plugin contract (v1) in plain words, with the line where the problem is written.
struct ContractReader {
  static let knownFields = PluginContract.plugin.fields.map(\.name)
  static let requiredText = PluginContract.plugin.fields.filter { ($0.type == "string" || $0.type == PluginContract.textType) && !$0.optional }.map(
    \.name)
  static let itemFields = PluginContract.shapes.first { $0.name == "cultivar.Item" }?.fields.map(\.name) ?? []

  /// The largest scale value, scale span and whole-number setting a plugin may declare (so
  /// every later conversion to an integer or a list of points is safe).
  /// The plugin's own fields that may be tables of languages.
  static let translatable: Set<String> = [Translations.Field.name, Translations.Field.description]

  static let maximumScaleValue = 1e6
  static let maximumScaleSpan = 1000.0
  static let maximumCount = 1_000_000

  let file: String
  let locator: SourceLocator
  private(set) var problems: [String] = []
  /// The plugin's languages and texts in them, when it lists `languages`.
  var translations: Translations?
  var reportedUnlistedLanguages = false

  init(file: String, source: String) {
    self.file = file
    self.locator = SourceLocator(source: source)
  }

  /// Records a problem at `line`; one without a line of its own (a missing field) points at
  /// the plugin table, by its `api` or `id` line.
  mutating func problem(_ message: String, line: Int?) {
    let at = line ?? locator.line(ofField: "api") ?? locator.line(ofField: "id")
    problems.append(at.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)")
  }

  mutating func read(_ value: LuaValue) -> Framework? {
    guard let plugin = value.table else {
      let what = value.isNil ? "it returns nothing" : "it returns a \(value.typeName)"
      problem(
        "the file must end with `return { ... }`, the table that describes the framework (or `return framework` when the table is in a local): \(what)",
        line: locator.lastCodeLine)
      return nil
    }
    for key in plugin.fieldNames where !Self.knownFields.contains(key) && !key.hasPrefix("_") {
      problem("unknown field '\(key)'\(Suggestion.hint(for: key, in: Self.knownFields))", line: locator.line(ofField: key))
    }
    checkAPI(plugin["api"])
    readLanguages(plugin["languages"])
    var text: [String: String] = [:]
    for key in Self.requiredText {
      let given = Self.translatable.contains(key) ? visibleText(plugin[key], field: key, path: key, line: nil) : plugin[key].string
      if let s = given, !s.allSatisfy(\.isWhitespace) {
        text[key] = s
      } else {
        problem("'\(key)' must be non-empty text (got \(plugin[key].typeName))", line: locator.line(ofField: key))
      }
    }
    if let id = text["id"], !id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) {
      problem("'id' may hold only lowercase letters, digits, '-', '_' and '.' (got '\(id)')", line: locator.line(ofField: "id"))
    }
    let scale = readScale(plugin["scale"])
    var dimensions = readDimensions(plugin["dimensions"])
    let hooks = readHooks(plugin)
    let (items, unscoredItems) = readAllItems(plugin["items"], dimensions: dimensions, scale: scale, scoreHook: hooks.contains(.score))
    let themes = readThemes(plugin["themes"], classify: hooks.contains(.classify))
    let bands = readBands(plugin["bands"])
    var minimumAnswered = 1
    if case .number(let n) = plugin["min_answered"] {
      if n >= 1, n == n.rounded(), n <= Double(Self.maximumCount), let whole = Int(exactly: n) {
        minimumAnswered = whole
      } else if n > 0, n < 1 {
        // A share applies to every dimension, each by its own number of items.
        for d in dimensions.indices where dimensions[d].minimumAnswered == nil { dimensions[d].minimumAnswered = .share(n) }
      } else {
        problem(
          "'min_answered' must be a whole number of at least 1, or a share of each dimension's items between 0 and 1 (got \(Number.format(n)))",
          line: locator.line(ofField: "min_answered"))
      }
    } else if !plugin["min_answered"].isNil {
      problem("'min_answered' must be a number (got \(plugin["min_answered"].typeName))", line: locator.line(ofField: "min_answered"))
    }
    let indexRule = optionalVisibleText(plugin, "index_rule", path: Translations.Field.indexRule)
    guard let scale else { return nil }
    var framework = Framework(
      id: text["id"] ?? "", name: text["name"] ?? "", version: text["version"] ?? "", description: text["description"] ?? "",
      source: text["source"] ?? "", scale: scale, dimensions: dimensions, items: items, bands: bands,
      minimumAnswered: minimumAnswered, hooks: hooks, indexRuleText: indexRule, origin: file)
    framework.unscoredItems = unscoredItems
    framework.themes = themes
    readRules(plugin, into: &framework)
    framework.translations = translations
    guard problems.isEmpty else { return nil }
    return framework
  }

  private mutating func checkAPI(_ value: LuaValue) {
    let line = locator.line(ofField: "api")
    guard case .number(let api) = value, api.isFinite, api == api.rounded() else {
      problem("'api' must be the plugin API version the plugin is written for, e.g. 'api = \(HostAPI.version)' (got \(value.typeName))", line: line)
      return
    }
    if api > Double(HostAPI.version) {
      problem("the plugin needs plugin API \(Number.format(api)) but this cultivar provides \(HostAPI.version): upgrade cultivar", line: line)
    } else if api < 1 {
      problem("'api' must be at least 1 (got \(Number.format(api)))", line: line)
    }
  }

  mutating func optionalText(_ table: LuaTable, _ key: String) -> String? {
    switch table[key] {
    case .nil: return nil
    case .string(let s): return s
    case let other:
      problem("'\(key)' must be text (got \(other.typeName))", line: locator.line(ofField: key))
      return nil
    }
  }

  private mutating func readScale(_ value: LuaValue) -> Scale? {
    let line = locator.line(ofField: "scale")
    guard let table = value.table else {
      problem("'scale' must be a table such as { min = 1, max = 5, labels = {...} } (got \(value.typeName))", line: line)
      return nil
    }
    guard let min = table["min"].number, let max = table["max"].number else {
      problem("'scale' needs numbers 'min' and 'max'", line: line)
      return nil
    }
    guard min.isFinite, max.isFinite, abs(min) <= Self.maximumScaleValue, abs(max) <= Self.maximumScaleValue else {
      problem(
        "'scale.min' and 'scale.max' must be numbers between -\(Number.format(Self.maximumScaleValue)) and \(Number.format(Self.maximumScaleValue)) (got \(Number.format(min)) and \(Number.format(max)))",
        line: line)
      return nil
    }
    guard min < max else {
      problem("'scale.min' (\(Number.format(min))) must be below 'scale.max' (\(Number.format(max)))", line: line)
      return nil
    }
    guard max - min <= Self.maximumScaleSpan else {
      problem(
        "the scale \(Number.format(min))–\(Number.format(max)) spans more than \(Number.format(Self.maximumScaleSpan)) points; rescale the answers",
        line: line)
      return nil
    }
    var labels: [String] = []
    if !table["labels"].isNil {
      let raw = table["labels"].table?.sequence ?? []
      let labelsLine = locator.line(ofField: "labels")
      labels = raw.enumerated().compactMap { i, label in
        visibleText(label, field: "labels", owner: "scale label #\(i + 1)", path: Translations.Field.scaleLabel(i), line: labelsLine)
      }
      if labels.count != raw.count || table["labels"].table == nil {
        problem("'scale.labels' must be a list of text labels", line: locator.line(ofField: "labels"))
      } else if min == min.rounded(), max == max.rounded(), labels.count != Int(max - min) + 1 {
        problem(
          "'scale.labels' has \(labels.count) labels but the scale \(Number.format(min))–\(Number.format(max)) has \(Int(max - min) + 1) points",
          line: locator.line(ofField: "labels"))
      }
    }
    let favorable = readPoints(table["favorable"], name: "favorable", min: min, max: max)
    let unfavorable = readPoints(table["unfavorable"], name: "unfavorable", min: min, max: max)
    return Scale(min: min, max: max, labels: labels, favorable: favorable, unfavorable: unfavorable)
  }

  private mutating func readPoints(_ value: LuaValue, name: String, min: Double, max: Double) -> [Double]? {
    guard !value.isNil else { return nil }
    let points = value.table?.sequence.compactMap(\.number) ?? []
    guard let list = value.table, points.count == list.sequence.count, !points.isEmpty,
      points.allSatisfy({ $0 >= min && $0 <= max })
    else {
      problem(
        "'scale.\(name)' must be a list of scale points between \(Number.format(min)) and \(Number.format(max))", line: locator.line(ofField: name))
      return nil
    }
    return points
  }

  private mutating func readDimensions(_ value: LuaValue) -> [Dimension] {
    guard let list = value.table, !list.sequence.isEmpty else {
      problem(
        "'dimensions' must be a non-empty list of { id = ..., name = ... } tables (got \(value.typeName))", line: locator.line(ofField: "dimensions"))
      return []
    }
    var dimensions: [Dimension] = []
    var seen = Set<String>()
    var declared: [String: Int?] = [:]
    for (index, entry) in list.sequence.enumerated() {
      guard let table = entry.table, let id = table["id"].string, !id.isEmpty else {
        problem("dimension #\(index + 1) needs an 'id'", line: locator.line(ofField: "dimensions"))
        continue
      }
      var line = locator.line(ofString: id, after: (locator.line(ofField: "dimensions") ?? 1) - 1)
      if let first = declared[id] {
        // The copy: the next occurrence of the id after the first declaration.
        line = locator.line(ofString: id, after: first ?? 0) ?? line
        problem("dimension '\(id)' is declared twice (first at line \(first.map(String.init) ?? "?"))", line: line)
      }
      if declared[id] == nil { declared[id] = line }
      seen.insert(id)
      guard
        let name = visibleText(table["name"], field: "name", owner: "dimension '\(id)'", path: Translations.Field.dimension(id, "name"), line: line),
        !name.isEmpty
      else {
        problem("dimension '\(id)' needs a 'name'", line: line)
        continue
      }
      let above = percentField(table, "advice_above", of: id, line: line)
      let benchmark = percentField(table, "benchmark", of: id, line: line)
      // With only `advice_above`, the advice is for high scores alone.
      var threshold = above == nil ? 50.0 : -Double.infinity
      if let below = table["advice_below"].number {
        if below.isFinite {
          threshold = below
        } else {
          problem("dimension '\(id)': 'advice_below' must be a finite number (got \(Number.format(below)))", line: line)
        }
      }
      var dimension = Dimension(
        id: id, name: name,
        description: visibleText(
          table["description"], field: "description", owner: "dimension '\(id)'", path: Translations.Field.dimension(id, "description"), line: line)
          ?? "",
        advice: visibleText(
          table["advice"], field: "advice", owner: "dimension '\(id)'", path: Translations.Field.dimension(id, "advice"), line: line),
        adviceBelow: threshold, adviceAbove: above, benchmark: benchmark)
      dimension.minimumAnswered = readMinimum(table["min_answered"], what: "dimension '\(id)': 'min_answered'", line: line)
      dimensions.append(dimension)
    }
    return dimensions
  }

  /// An optional number on the 0–100 POMP scale in a dimension table.
  private mutating func percentField(_ table: LuaTable, _ key: String, of dimension: String, line: Int?) -> Double? {
    switch table[key] {
    case .nil: return nil
    case .number(let x) where x >= 0 && x <= 100: return x
    case .number(let x): problem("dimension '\(dimension)': '\(key)' must be between 0 and 100 (got \(Number.format(x)))", line: line)
    case let other: problem("dimension '\(dimension)': '\(key)' must be a number between 0 and 100 (got \(other.typeName))", line: line)
    }
    return nil
  }

  /// The scored items (ratings and choices) and the unscored ones (comments and multi-selects).
  mutating func readAllItems(_ value: LuaValue, dimensions: [Dimension], scale: Scale?, scoreHook: Bool) -> (scored: [Item], unscored: [Item]) {
    guard let list = value.table, !list.sequence.isEmpty else {
      problem(
        "'items' must be a non-empty list of { id = ..., text = ..., dimension = ... } tables (got \(value.typeName))",
        line: locator.line(ofField: "items"))
      return ([], [])
    }
    var unscored: [Item] = []
    let dimensionIDs = dimensions.map(\.id)
    let knownDimensions = Set(dimensionIDs)
    var items: [Item] = []
    var seen = Set<String>()
    var declared: [String: Int?] = [:]
    for (index, entry) in list.sequence.enumerated() {
      guard let table = entry.table, let id = table["id"].string, !id.isEmpty else {
        problem("item #\(index + 1) needs an 'id'", line: locator.line(ofField: "items"))
        continue
      }
      var line = locator.line(ofString: id, after: (locator.line(ofField: "items") ?? 1) - 1)
      if let first = declared[id] {
        line = locator.line(ofString: id, after: first ?? 0) ?? line
        problem("item '\(id)' is declared twice (first at line \(first.map(String.init) ?? "?"))", line: line)
      }
      if declared[id] == nil { declared[id] = line }
      seen.insert(id)
      for key in table.fieldNames where !Self.itemFields.contains(key) && !key.hasPrefix("_") {
        problem("item '\(id)': unknown field '\(key)'\(Suggestion.hint(for: key, in: Self.itemFields))", line: line)
      }
      let text = visibleText(table["text"], field: "text", owner: "item '\(id)'", path: Translations.Field.item(id), line: line) ?? ""
      if text.isEmpty { problem("item '\(id)' needs its question 'text'", line: line) }
      let kind = readKind(table["type"], item: id, hasOptions: !table["options"].isNil, line: line)
      if kind != .scored {
        for key in ["dimension", "reverse"] where !table[key].isNil {
          problem(
            "item '\(id)' is a \(kind == .text ? "comment (type = \"text\")" : "multi-select") and is never scored: remove '\(key)'", line: line)
        }
        let options = kind == .multi ? readOptions(table["options"], item: id, line: line, scale: scale, scored: false) : []
        if kind == .multi, table["options"].isNil {
          problem("item '\(id)' is a multi-select and needs 'options' = { { id = ..., label = ... }, ... }", line: line)
        }
        if kind == .text, !table["options"].isNil {
          problem("item '\(id)' is a comment (type = \"text\") and takes no 'options'; use type = \"multi\" for ticked options", line: line)
        }
        unscored.append(Item(id: id, text: text, dimension: "", options: options, kind: kind))
        continue
      }
      // One dimension id, or a list of them (the item counts in each).
      let listed = table["dimension"].table.map { $0.sequence.map { $0.string ?? "" } } ?? [table["dimension"].string ?? ""]
      if listed.isEmpty || table["dimension"].table.map({ !$0.fields.isEmpty }) == true {
        problem("item '\(id)': 'dimension' must be a dimension id or a list of them", line: line)
      }
      for dimension in listed where !knownDimensions.contains(dimension) {
        let what =
          dimension.isEmpty ? "names no 'dimension'" : "names unknown dimension '\(dimension)'\(Suggestion.hint(for: dimension, in: dimensionIDs))"
        problem("item '\(id)' \(what)", line: line)
      }
      if Set(listed).count != listed.count { problem("item '\(id)' lists a dimension twice", line: line) }
      let dimension = listed.first ?? ""
      var reverse = false
      switch table["reverse"] {
      case .nil: break
      case .boolean(let b): reverse = b
      case .string(let text) where ["true", "false"].contains(text.lowercased()):
        problem("item '\(id)': 'reverse' must be the boolean \(text.lowercased()), not the text \"\(text)\": remove the quotes", line: line)
      case .string(let text) where ["yes", "no", "y", "n", "on", "off", "1", "0"].contains(text.lowercased()):
        problem("item '\(id)': 'reverse' must be true or false (got the text \"\(text)\"): write reverse = true, without quotes", line: line)
      case let other: problem("item '\(id)': 'reverse' must be true or false (got \(other.typeName))", line: line)
      }
      let options = readOptions(table["options"], item: id, line: line, scale: scale)
      if reverse, !options.isEmpty {
        problem("item '\(id)' is a choice and cannot be reverse-keyed: remove 'reverse' and give each option the score it stands for", line: line)
      }
      var item = Item(id: id, text: text, dimension: dimension, reverse: reverse, options: options)
      item.otherDimensions = Array(listed.dropFirst())
      items.append(item)
    }
    if !scoreHook {
      let used = Set(items.flatMap(\.allDimensions))
      for dimension in dimensions where !used.contains(dimension.id) {
        problem(
          "dimension '\(dimension.id)' has no items",
          line: locator.line(ofString: dimension.id, after: (locator.line(ofField: "dimensions") ?? 1) - 1))
      }
    }
    return (items, unscored)
  }

  /// An item's `type`: nil, "rating" or "choice" (scored), "multi" or "text".
  private mutating func readKind(_ value: LuaValue, item: String, hasOptions: Bool, line: Int?) -> Item.Kind {
    let types = ["rating", "choice", "multi", "text"]
    switch value {
    case .nil: return .scored
    case .string("multi"): return .multi
    case .string("text"): return .text
    case .string("rating") where hasOptions:
      problem("item '\(item)' has type = \"rating\" but 'options': use type = \"choice\" (or leave 'type' out), or remove the options", line: line)
    case .string("rating"), .string("choice"): return .scored
    case .string(let other):
      problem(
        "item '\(item)': unknown type '\(other)'\(Suggestion.hint(for: other, in: types)); use one of \(types.joined(separator: ", "))", line: line)
    case let other: problem("item '\(item)': 'type' must be text, one of \(types.joined(separator: ", ")) (got \(other.typeName))", line: line)
    }
    return .scored
  }

  private mutating func readBands(_ value: LuaValue) -> [Band] {
    guard !value.isNil else { return [] }
    let line = locator.line(ofField: "bands")
    guard let list = value.table else {
      problem("'bands' must be a list of { min = ..., label = ..., advice = ... } tables", line: line)
      return []
    }
    var bands: [Band] = []
    for (index, entry) in list.sequence.enumerated() {
      guard let table = entry.table, let min = table["min"].number, min.isFinite,
        let label = visibleText(
          table["label"], field: "label", owner: "band #\(index + 1)", path: Translations.Field.band(index, "label"), line: line)
      else {
        problem("band #\(index + 1) needs a finite number 'min' and a text 'label'", line: line)
        continue
      }
      let advice = visibleText(
        table["advice"], field: "advice", owner: "band #\(index + 1)", path: Translations.Field.band(index, "advice"), line: line)
      bands.append(Band(min: min, label: label, advice: advice))
    }
    if bands.map(\.min) != bands.map(\.min).sorted() || Set(bands.map(\.min)).count != bands.count {
      problem("'bands' must be listed from the lowest 'min' up, each with a different 'min'", line: line)
    }
    return bands
  }

  private mutating func readHooks(_ plugin: LuaTable) -> Framework.Hooks {
    var hooks: Framework.Hooks = []
    let flags: [String: Framework.Hooks] = ["score": .score, "index": .index, "band": .band, "classify": .classify]
    for name in PluginContract.hooks.map(\.name) {
      guard let hook = flags[name] else { continue }
      switch plugin[name] {
      case .nil: break
      case .function: hooks.insert(hook)
      case let other: problem("'\(name)' must be a function (got \(other.typeName))", line: locator.line(ofField: name))
      }
    }
    return hooks
  }
}
