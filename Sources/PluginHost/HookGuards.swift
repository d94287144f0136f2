import LuaBridge
import SurveyModel

/// The field guards of the tables a plugin's hooks receive (`respondent`, its `answers`,
/// `keyed` and `scores`, `team`, `team.dimensions` and each dimension's statistics): reading a
/// field the contract documents but the table lacks now gives nil, and reading any other name
/// is an error at the plugin's line, e.g. `team.dimensions has no field 'peer' — did you mean
/// 'peers'?`. The documented names come from ``PluginContract``, the ids from the framework.
///
/// These are the guards of the `score` hook's `respondent` tables. Each kind is made once per
/// plugin state, on first use (a plugin with only a `score` hook never makes the team guards);
/// setting a guard costs one operation per table, and reading a present field never reaches it.
struct RespondentGuards {
  let respondent: LuaReference
  let answers: LuaReference
  let keyed: LuaReference
  let scores: LuaReference
  /// `respondent.counts`: the multi-select items (``Framework/countedItems``).
  let counts: LuaReference

  init(sandbox: LuaSandbox, framework: Framework) throws(LuaError) {
    let make = GuardMaker(sandbox: sandbox)
    let items = framework.items.map(\.id)
    let dimensions = framework.dimensions.map(\.id)
    respondent = try make.guardOf(
      "respondent", GuardMaker.documented("cultivar.Respondent"),
      GuardMaker.paths(items, "answers.").merging(GuardMaker.paths(dimensions, "scores."), uniquingKeysWith: { a, _ in a }),
      "its fields are")
    answers = try make.guardOf("respondent.answers", items, GuardMaker.paths(dimensions, "respondent.scores."), "the items are")
    keyed = try make.guardOf("respondent.keyed", items, GuardMaker.paths(dimensions, "respondent.scores."), "the items are")
    scores = try make.guardOf("respondent.scores", dimensions, GuardMaker.paths(items, "respondent.keyed."), "the dimensions are")
    counts = try make.guardOf(
      "respondent.counts", framework.countedItems, GuardMaker.paths(items, "respondent.answers."), "the multi-select items are")
  }
}

/// The guards of the `team` table the `index` and `band` hooks receive.
struct TeamGuards {
  let team: LuaReference
  let teamDimensions: LuaReference
  /// By dimension id.
  let teamDimension: [String: LuaReference]

  init(sandbox: LuaSandbox, framework: Framework) throws(LuaError) {
    let make = GuardMaker(sandbox: sandbox)
    let dimensions = framework.dimensions.map(\.id)
    let example = dimensions.first ?? "id"
    let statistics = GuardMaker.documented("cultivar.TeamDimension")
    team = try make.guardOf(
      "team", GuardMaker.documented("cultivar.Team"),
      GuardMaker.paths(dimensions, "dimensions.").merging(GuardMaker.paths(statistics, "dimensions.\(example).")) { a, _ in a },
      "its fields are")
    teamDimensions = try make.guardOf("team.dimensions", dimensions, GuardMaker.paths(statistics, "\(example)."), "the dimensions are")
    var each: [String: LuaReference] = [:]
    for dimension in dimensions {
      each[dimension] = try make.guardOf("team.dimensions.\(dimension)", statistics, [:], "its fields are")
    }
    teamDimension = each
  }
}

/// Makes the guards of one state from the contract's documented names.
private struct GuardMaker {
  let sandbox: LuaSandbox

  /// The fields the contract documents for a shape.
  static func documented(_ shape: String) -> [String] {
    PluginContract.shapes.first { $0.name == shape }?.fields.map(\.name) ?? []
  }

  /// Each name and where it is found instead (`prefix` + name).
  static func paths(_ names: [String], _ prefix: String) -> [String: String] {
    Dictionary(names.map { ($0, prefix + $0) }, uniquingKeysWith: { first, _ in first })
  }

  func guardOf(_ name: String, _ fields: [String], _ elsewhere: [String: String], _ what: String) throws(LuaError) -> LuaReference {
    let shown = fields.prefix(12).joined(separator: ", ")
    let listing = "\(what): \(shown)\(fields.count > 12 ? ", … (\(fields.count - 12) more)" : "")"
    return try sandbox.makeFieldGuard(name: name, fields: fields, elsewhere: elsewhere, listing: listing)
  }
}
