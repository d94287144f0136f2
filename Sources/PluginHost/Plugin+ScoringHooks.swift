import LuaBridge
import Scoring
import SurveyModel

/// The plugin's Lua hooks, as the scoring engine calls them.
extension Plugin: ScoringHooks {
  /// Calls `score(respondent)`. The respondent table holds `id`, `team`, `row`, `answers` (raw,
  /// by item id), `keyed` (reverse-keyed), `scores` (declarative, by dimension id) and `counts`
  /// (options chosen per counted multi-select, by item id); missing
  /// answers are nil. The hook returns nil (keep all scores) or a table of dimension id →
  /// score, or false for "no score". The tables are reused from one respondent to the next,
  /// and each of `id`, `team`, `answers`, `keyed` and `scores` is made or filled only when the
  /// hook first reads it (a table it has read in every call for a while is filled before each
  /// call instead: ``RespondentRecord/pass(_:to:)``).
  public func respondentScores(_ r: RespondentContext) throws -> [(dimension: Int, score: Double?)] {
    do throws(PluginError) {
      let record = try respondentRecord(items: r.items)
      prepareArguments { args in
        record.pass(r, to: &args)
      }
      let result = try callHookReadingFields("score", into: &record.results)
      record.noteReads(lazyFieldsRead)
      switch result {
      case .nil: return []
      case .irregular(let value): return try overrides(from: value)
      case .fields: return try overrides(from: &record.results, into: &overrideBuffer)
      }
    } catch var error {
      error.team = r.team
      error.respondent = r.respondent
      error.row = r.line
      throw error
    }
  }

  /// The scores a regular result table holds, written into `buffer` (kept from one row to the
  /// next). Both are passed `inout` only to take one access to each, not a copy or one access
  /// per score.
  private func overrides(from results: inout LuaFields, into buffer: inout [(dimension: Int, score: Double?)]) throws(PluginError)
    -> [(dimension: Int, score: Double?)]
  {
    buffer.removeAll(keepingCapacity: true)
    for d in 0..<results.count {
      switch results[d] {
      case .number(let x): buffer.append((d, try checked(x, dimension: d)))
      case .false: buffer.append((d, nil))
      case .absent, .other: continue
      }
    }
    return buffer
  }

  /// A returned value checked against its slot's range: the scale for a dimension, the
  /// declared range for a measure.
  private func checked(_ x: Double, dimension d: Int) throws(PluginError) -> Double {
    let scale = framework.scale
    let dimensions = framework.dimensions.count
    if d >= dimensions {
      let measure = framework.measures[d - dimensions]
      guard x.isFinite, x >= measure.min, x <= measure.max else {
        throw hookProblem(
          "score",
          "returned \(x.isNaN ? "NaN" : Number.format(x)) for measure '\(measure.id)', outside its range \(Number.format(measure.min))–\(Number.format(measure.max))"
        )
      }
      return x
    }
    guard x.isFinite, scale.contains(x) else {
      throw hookProblem(
        "score", "returned \(x.isNaN ? "NaN" : Number.format(x)) for dimension '\(framework.dimensions[d].id)', outside the scale \(scale.rangeText)")
    }
    return x
  }

  private func overrides(from result: LuaValue) throws(PluginError) -> [(dimension: Int, score: Double?)] {
    guard case .table(let table) = result else {
      if result.isNil { return [] }
      throw hookProblem("score", "must return nil or a table of dimension id = score (returned a \(result.typeName))")
    }
    let ids = framework.dimensions.map(\.id) + framework.measures.map(\.id)
    var overrides: [(dimension: Int, score: Double?)] = []
    for name in table.fieldNames {
      guard let d = ids.firstIndex(of: name) else {
        let what = framework.measures.isEmpty ? "dimension" : "dimension or measure"
        throw hookProblem("score", "returned a score for unknown \(what) '\(name)'\(Suggestion.hint(for: name, in: ids))")
      }
      switch table[name] {
      case .boolean(false): overrides.append((d, nil))
      case .number(let x): overrides.append((d, try checked(x, dimension: d)))
      case let other:
        throw hookProblem("score", "returned a \(other.typeName) for dimension '\(name)': use a number, or false for no score")
      }
    }
    if !table.sequence.isEmpty || !table.otherKeys.isEmpty {
      throw hookProblem("score", "must return a table keyed by dimension id, not a list")
    }
    return overrides
  }

  /// Calls `index(team)` with `name`, `n`, `index` (the declarative index) and `dimensions`
  /// (by id: `n`, `mean`, `sd`, `pomp`, `favorable`).
  public func index(of team: TeamContext) throws -> Double? {
    do throws(PluginError) {
      let guards = try teamGuards(for: "index")
      prepareArguments { args in pushTeam(team, guards: guards, to: &args) }
      switch try callHook("index") {
      case .nil: return nil
      case .number(let x) where x.isFinite && framework.indexRange.contains(x): return x
      case .number(let x):
        let range = framework.indexRange
        throw hookProblem(
          "index",
          "returned \(x.isNaN ? "NaN" : Number.format(x)): an index must be a number from \(Number.format(range.lowerBound)) to \(Number.format(range.upperBound))\(framework.declaredIndexRange == nil ? "" : " (its declared index_range)"), or nil when it cannot be computed"
        )
      case let other: throw hookProblem("index", "must return a number or nil (returned a \(other.typeName))")
      }
    } catch var error {
      error.team = team.team
      throw error
    }
  }

  /// Calls `band(index, team_name, team)`, where `team` is the table `index(team)` gets; it
  /// returns a label, or a table with `label` and `advice`. In a plugin with `languages`, the
  /// label and the advice may each be a table of languages (`{ en = "...", de = "..." }`),
  /// read in the run's ``language``.
  public func band(for index: Double, team: TeamContext) throws -> Band? {
    do throws(PluginError) {
      let guards = try teamGuards(for: "band")
      prepareArguments { args in
        args.append(.number(index))
        args.append(.string(team.team))
        pushTeam(team, guards: guards, to: &args)
      }
      switch try callHook("band") {
      case .nil: return nil
      case .string(let label): return Band(min: index, label: label)
      case .table(let table) where table["label"].isNil && !framework.languages.isEmpty && !table.fieldNames.isEmpty:
        return Band(min: index, label: try bandText(.table(table), field: "label"))
      case .table(let table):
        guard !table["label"].isNil else { throw hookProblem("band", "returned a table without a text 'label'") }
        let advice = table["advice"].isNil ? nil : try bandText(table["advice"], field: "advice")
        return Band(min: index, label: try bandText(table["label"], field: "label"), advice: advice)
      case let other: throw hookProblem("band", "must return a label, a { label = ..., advice = ... } table, or nil (returned a \(other.typeName))")
      }
    } catch var error {
      error.team = team.team
      throw error
    }
  }

  /// The team table of the `index` and `band` hooks: `name`, `n`, `index` (declarative) and
  /// `dimensions` by id (`n`, `mean`, `sd`, `pomp`, `favorable`).
  private func pushTeam(_ team: TeamContext, guards: TeamGuards, to args: inout LuaArguments) {
    args.beginTable(fieldSlots: 5)
    args.guarded(by: guards.team)
    args.field("name", .string(team.team))
    args.field("n", number: Double(team.n))
    if let index = team.declarativeIndex { args.field("index", number: index) }
    args.beginField("dimensions", fieldSlots: team.dimensions.count)
    args.guarded(by: guards.teamDimensions)
    for dimension in team.dimensions {
      args.beginField(dimension.id, fieldSlots: 5)
      if let guarded = guards.teamDimension[dimension.id] { args.guarded(by: guarded) }
      args.field("n", number: Double(dimension.n))
      for (key, value) in [("mean", dimension.mean), ("sd", dimension.sd), ("pomp", dimension.pomp), ("favorable", dimension.favorable)] {
        if let value { args.field(key, number: value) }
      }
      args.endTable()
    }
    args.endTable()
    args.beginField("measures", fieldSlots: team.measures.count)
    for measure in team.measures {
      args.beginField(measure.id, fieldSlots: 7)
      args.field("n", number: Double(measure.n))
      for (key, value) in [
        ("mean", measure.mean), ("sd", measure.sd), ("sum", measure.sum), ("at_least", measure.atLeast),
        ("at_most", measure.atMost), ("pooled", measure.pooled),
      ] {
        if let value { args.field(key, number: value) }
      }
      args.endTable()
    }
    args.endTable()
    args.endTable()
  }

  /// The values an `index` hook may return when the plugin declares no `index_range`:
  /// POMP-based indices run from 0 to 100, and net indices (one POMP minus another) from -100
  /// to 100.
  public static let indexRange: ClosedRange<Double> = -100...100

  /// A hook that returned something the contract does not allow: named with the line where
  /// the hook is defined.
  /// A text a `band` hook returned: plain text, or (in a plugin with `languages`) a table with
  /// a non-empty text for each of them, read in the run's language.
  private func bandText(_ value: LuaValue, field: String) throws(PluginError) -> String {
    if let text = value.string { return text }
    let languages = framework.languages
    guard let table = value.table, !languages.isEmpty else {
      throw hookProblem("band", "returned a '\(field)' that is not text (a \(value.typeName))")
    }
    for key in table.fieldNames where !languages.contains(key) {
      throw hookProblem(
        "band",
        "returned a '\(field)' with a text in '\(key)', which is not one of the plugin's languages (\(languages.joined(separator: ", ")))\(Suggestion.hint(for: key, in: languages))"
      )
    }
    for language in languages where (table[language].string ?? "").isEmpty {
      throw hookProblem(
        "band",
        "returned a '\(field)' without a '\(language)' text: give \(field) = { \(languages.map { "\($0) = \"...\"" }.joined(separator: ", ")) }")
    }
    return table[language ?? languages[0]].string ?? table[languages[0]].string ?? ""
  }

  func hookProblem(_ hook: String, _ message: String) -> PluginError {
    let at = SourceLocator(source: sourceText).line(ofField: hook).map { "\(file):\($0)" } ?? file
    return PluginError(kind: .runtime, file: file, pluginID: framework.id, hook: hook, problems: ["\(at): '\(hook)' \(message)"])
  }
}
