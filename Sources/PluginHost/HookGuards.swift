import LuaBridge
import SurveyModel

/// The field guards of the tables a plugin's hooks receive (`respondent`, its `answers`,
/// `keyed` and `scores`, `team`, `team.dimensions` and each dimension's statistics): reading a
/// field the contract documents but the table lacks now gives nil, and reading any other name
/// is an error at the plugin's line, e.g. `team.dimensions has no field 'peer' — did you mean
/// 'peers'?`. The documented names come from ``PluginContract``, the ids from the framework.
/// Made once per plugin state; setting a guard costs one operation per table, and reading a
/// present field never reaches it.
struct HookGuards {
  let respondent: LuaReference
  let answers: LuaReference
  let keyed: LuaReference
  let scores: LuaReference
  /// `respondent.counts`: the multi-select items (``Framework/countedItems``).
  let counts: LuaReference
  let team: LuaReference
  let teamDimensions: LuaReference
  /// By dimension id.
  let teamDimension: [String: LuaReference]

  init(sandbox: LuaSandbox, framework: Framework) throws(LuaError) {
    let items = framework.items.map(\.id)
    let dimensions = framework.dimensions.map(\.id)
    let example = dimensions.first ?? "id"
    func documented(_ shape: String) -> [String] {
      PluginContract.shapes.first { $0.name == shape }?.fields.map(\.name) ?? []
    }
    func listing(_ what: String, _ names: [String]) -> String {
      let shown = names.prefix(12).joined(separator: ", ")
      return "\(what): \(shown)\(names.count > 12 ? ", … (\(names.count - 12) more)" : "")"
    }
    func guardOf(_ name: String, _ fields: [String], _ elsewhere: [String: String], _ what: String) throws(LuaError) -> LuaReference {
      try sandbox.makeFieldGuard(name: name, fields: fields, elsewhere: elsewhere, listing: listing(what, fields))
    }
    func paths(_ names: [String], _ prefix: String) -> [String: String] {
      Dictionary(names.map { ($0, prefix + $0) }, uniquingKeysWith: { first, _ in first })
    }
    let respondentFields = documented("cultivar.Respondent")
    let statistics = documented("cultivar.TeamDimension")
    respondent = try guardOf(
      "respondent", respondentFields, paths(items, "answers.").merging(paths(dimensions, "scores."), uniquingKeysWith: { a, _ in a }),
      "its fields are")
    answers = try guardOf("respondent.answers", items, paths(dimensions, "respondent.scores."), "the items are")
    keyed = try guardOf("respondent.keyed", items, paths(dimensions, "respondent.scores."), "the items are")
    scores = try guardOf("respondent.scores", dimensions, paths(items, "respondent.keyed."), "the dimensions are")
    counts = try guardOf("respondent.counts", framework.countedItems, paths(items, "respondent.answers."), "the multi-select items are")
    team = try guardOf(
      "team", documented("cultivar.Team"), paths(dimensions, "dimensions.").merging(paths(statistics, "dimensions.\(example).")) { a, _ in a },
      "its fields are")
    teamDimensions = try guardOf("team.dimensions", dimensions, paths(statistics, "\(example)."), "the dimensions are")
    var each: [String: LuaReference] = [:]
    for dimension in dimensions {
      each[dimension] = try guardOf("team.dimensions.\(dimension)", statistics, [:], "its fields are")
    }
    teamDimension = each
  }
}
