/// The plugin contract as data: the fields of the table a plugin returns, the tables nested in
/// it, the hooks and the tables the hooks receive.
///
/// ``ContractReader`` takes its list of known fields from here; `cultivar plugins types` and
/// `cultivar plugins docs` generate the editor definitions and the reference from it. The hook
/// argument shapes are checked against what ``Plugin`` really passes by the tests.
public enum PluginContract {
  /// One field of a table.
  public struct Field: Sendable {
    public let name: String
    /// The type in LuaLS notation, without the optional mark.
    public let type: String
    /// Whether the field may be left out (or, in a hook argument, be nil).
    public let optional: Bool
    public let summary: String
    /// The plugin API version in which the field appeared.
    public let since: Int

    init(_ name: String, _ type: String, optional: Bool = false, _ summary: String, since: Int = 1) {
      self.name = name
      self.type = type
      self.optional = optional
      self.summary = summary
      self.since = since
    }
  }

  /// A table with named fields, declared to LuaLS as a class (e.g. `cultivar.Item`).
  public struct Shape: Sendable {
    public let name: String
    public let summary: String
    public let fields: [Field]
  }

  /// A function the plugin may define in its table.
  public struct Hook: Sendable {
    public let name: String
    public let parameters: [HostAPI.Parameter]
    public let returns: [HostAPI.Result]
    public let summary: String
    public let since: Int

    /// The hook's type in LuaLS notation: `fun(respondent: cultivar.Respondent): ...`.
    public var luaType: String {
      let params = parameters.map { "\($0.name): \($0.type)" }.joined(separator: ", ")
      return "fun(\(params)): " + returns.map(\.type).joined(separator: ", ")
    }
  }

  /// The type of a text respondents or readers see: plain text, or a table of languages
  /// (`{ en = "...", de = "..." }`) in a plugin that lists its `languages`.
  public static let textType = "string|table<string, string>"

  /// The hooks, in documentation order.
  public static let hooks: [Hook] = [
    Hook(
      name: "score", parameters: [.init("respondent", "cultivar.Respondent", "one respondent's answers and declarative scores")],
      returns: [.init("table<string, number|false>|nil", "scores by dimension id (false = no score), or nil to keep the declarative ones")],
      summary: "Called once per respondent: replaces some or all of the respondent's dimension scores.", since: 1),
    Hook(
      name: "index", parameters: [.init("team", "cultivar.Team", "one team's (or the organisation's) results")],
      returns: [.init("number|nil", "the team's index, from -100 to 100 (a POMP-based index runs from 0 to 100), or nil when it cannot be computed")],
      summary: "Called once per shown team and the organisation row: the team's index. Describe the rule in `index_rule`.", since: 1),
    Hook(
      name: "band",
      parameters: [
        .init("index", "number", "the team's index"), .init("team_name", "string", "the team"),
        .init("team", "cultivar.Team", "the same table `index` receives: the team's results"),
      ],
      returns: [.init("string|cultivar.BandResult|nil", "a label, a { label, advice } table, or nil for no band")],
      summary: "Called once per team with an index: its interpretation, instead of the declarative `bands`.", since: 1),
    Hook(
      name: "classify",
      parameters: [.init("comment", "string", "one comment (already scrubbed of e-mail addresses, phone numbers and listed names)")],
      returns: [.init("string[]|nil", "the ids of the `themes` the comment belongs to (none: nil or {})")],
      summary:
        "Called once per comment by `cultivar comments`: its themes, instead of the themes' keywords. Theme counts are shown under the comment threshold.",
      since: 1),
  ]

  /// The table a plugin file returns.
  public static let plugin = Shape(
    name: "cultivar.Plugin", summary: "The table a plugin file returns: one framework.",
    fields: [
      Field("api", "integer", "The plugin API version the file is written for (this host provides \(HostAPI.version))."),
      Field("id", "string", "Unique id used by surveys (`frameworks: [id]`): lowercase letters, digits, '-', '_', '.'."),
      Field("name", textType, "Name shown in reports (text, or a table of languages)."),
      Field("version", "string", "The framework's own version, e.g. \"1.0.0\"."),
      Field("description", textType, "What the framework measures, in a sentence or two."),
      Field("source", "string", "Citation of the original work the framework is based on."),
      Field("scale", "cultivar.Scale", "The answer scale of every item."),
      Field("dimensions", "cultivar.Dimension[]", "The dimensions (at least one)."),
      Field("items", "cultivar.Item[]", "The questions; their ids are the response file's column names."),
      Field("bands", "cultivar.Band[]", optional: true, "Interpretation of the index (0–100), lowest `min` first."),
      Field(
        "min_answered", "number", optional: true,
        "Answered items a respondent needs in a dimension to get a score there: a whole count (default 1), or a share of each dimension's items between 0 and 1 (0.6 = 60%, rounded up)."
      ),
      Field("index_rule", "string", optional: true, "When `index` is a hook: its rule in words, printed with every result."),
      Field(
        "languages", "string[]", optional: true,
        "The languages of the plugin's texts, the default first (e.g. `{ \"en\", \"de\" }`): every text respondents or readers see is then a table with one text per language, `{ en = \"...\", de = \"...\" }`; a missing one is a load error."
      ),
      Field(
        "measures", "cultivar.Measure[]", optional: true,
        "Per-respondent values (an item's answer, the own mean, a mean of dimension scores, or any range computed by `score`); teams get their mean, SD, sum, count and shares at or above / at or below thresholds, for `index`, `band` and every report."
      ),
      Field(
        "index_by", "cultivar.IndexBy", optional: true,
        "A built-in index rule instead of an `index` hook: `pomp_mean`, `pooled`, `person_mean`, `share_positive` or `nps`, e.g. `{ rule = \"nps\", item = \"enps\" }`."
      ),
      Field(
        "index_label", textType, optional: true, "The index's name in every report and in `trend` (default: the rule's, e.g. \"eNPS\", or \"index\")."
      ),
      Field(
        "index_range", "number[]", optional: true,
        "`{ lowest, highest }`: the values an `index` hook returns (default { -100, 100 } with a hook, { 0, 100 } without); shown in reports and `trend`. Fixed by the rule with `index_by`."
      ),
      Field(
        "score_rule", "string", optional: true, "When `score` is a hook: what it does, in words; printed in the missing-data rule of every result."),
      Field(
        "themes", "cultivar.Theme[]", optional: true, "Themes that `cultivar comments` counts comments under (keywords, or the `classify` hook)."),
    ] + hooks.map { Field($0.name, $0.luaType, optional: true, $0.summary, since: $0.since) })

  /// Every other table of the contract: nested in the plugin table, or passed to hooks.
  public static let shapes: [Shape] = [
    Shape(
      name: "cultivar.Scale", summary: "The answer scale.",
      fields: [
        Field("min", "number", "The lowest answer."),
        Field("max", "number", "The highest answer (above `min`)."),
        Field("labels", "(\(textType))[]", optional: true, "One label per point, from `min` up (each text, or a table of languages)."),
        Field("favorable", "number[]", optional: true, "The favourable points (default: the top two)."),
        Field("unfavorable", "number[]", optional: true, "The unfavourable points (default: the bottom two)."),
      ]),
    Shape(
      name: "cultivar.Dimension", summary: "One dimension of the framework.",
      fields: [
        Field("id", "string", "Used by items and in results."),
        Field("name", textType, "Shown in reports."),
        Field("description", textType, optional: true, "What the dimension means."),
        Field("advice", textType, optional: true, "Shown for a team whose POMP here is below `advice_below`."),
        Field("advice_below", "number", optional: true, "Show `advice` when the team's POMP is below this (default 50)."),
        Field(
          "advice_above", "number", optional: true,
          "Show `advice` when the team's POMP is above this (for dimensions where high is bad, such as a blocker)."),
        Field(
          "benchmark", "number", optional: true, "A published reference value on the POMP scale (0–100); reports show the team's difference from it."),
        Field(
          "min_answered", "number", optional: true, "This dimension's own `min_answered`: a whole count, or a share of its items between 0 and 1."),
      ]),
    Shape(
      name: "cultivar.Item", summary: "One question.",
      fields: [
        Field("id", "string", "The response file's column name for this question."),
        Field("text", textType, "The question as respondents read it (text, or a table of languages)."),
        Field(
          "dimension", "string|string[]",
          "The id of the dimension it measures, or a list of ids: the item counts in each (its mean, favourability and reliability). Not for `text` and `multi` items."
        ),
        Field(
          "type", "\"rating\"|\"choice\"|\"multi\"|\"text\"", optional: true,
          "`text`: a comment, never scored, shown only by `cultivar comments` under the comment threshold; `multi`: any number of its `options` (ids and labels, no scores), reported as the share choosing each; default: a rating, or a choice when it has `options`."
        ),
        Field("reverse", "boolean", optional: true, "true when agreeing is unfavourable: the answer counts as (min + max) − x."),
        Field(
          "options", "cultivar.Option[]", optional: true,
          "Makes the item a choice: respondents pick one option (by id or label), which counts as its score. For a `multi` item: the options respondents may tick (2 to 32, without `score`)."
        ),
      ]),
    Shape(
      name: "cultivar.Theme", summary: "A theme comments are counted under.",
      fields: [
        Field("id", "string", "What `classify` returns and reports show."),
        Field("name", textType, "Shown in reports."),
        Field(
          "keywords", "string[]", optional: true,
          "Words or phrases (any case, whole words); a comment holding one is in the theme. Leave out when `classify` decides."),
      ]),
    Shape(
      name: "cultivar.Measure",
      summary:
        "A per-respondent value. Give one source (`item`, `dimension`, `all_items` or `count_of`), or none when the `score` hook returns it under the measure's id.",
      fields: [
        Field("id", "string", "Used in the `score` hook's result, in `team.measures` and in results; differs from every dimension id."),
        Field("name", textType, "Shown in reports."),
        Field("description", "string", optional: true, "What the value means."),
        Field("item", "string", optional: true, "The value is the respondent's (reverse-keyed) answer to this item."),
        Field(
          "dimension", "string|string[]", optional: true,
          "The value is the respondent's score on this dimension, or the mean of their scores on these dimensions."),
        Field("all_items", "boolean", optional: true, "true: the value is the mean of all the respondent's answered items (their own mean)."),
        Field(
          "count_of", "string", optional: true,
          "A multi-select item (`type = \"multi\"`): the value is the number of its options the respondent chose (0 to the number of options; no value when not answered)."
        ),
        Field("min", "number", optional: true, "For a value the `score` hook computes: the lowest it may be (required then)."),
        Field("max", "number", optional: true, "For a value the `score` hook computes: the highest it may be (required then)."),
        Field(
          "at_least", "number", optional: true, "Teams get the % of respondents whose value is at least this (`at_least` of `cultivar.TeamMeasure`)."),
        Field(
          "at_most", "number", optional: true, "Teams get the % of respondents whose value is at most this (`at_most` of `cultivar.TeamMeasure`)."),
      ]),
    Shape(
      name: "cultivar.IndexBy",
      summary:
        "A built-in index rule. The rules on a respondent's value read `measure`, or take the value's source (`item`, `dimension`, or by default the own mean of all items) and declare a measure named after the rule.",
      fields: [
        Field(
          "rule", "string",
          "`pomp_mean` (weighted mean of dimension POMPs, 0–100), `pooled` (POMP of the mean of all answers, each counted once, 0–100), `person_mean` (mean of respondents' values, on their range), `share_positive` (% with a value ≥ `at_least`, 0–100) or `nps` (% ≥ `at_least` minus % ≤ `at_most`, −100–100)."
        ),
        Field("measure", "string", optional: true, "A declared measure the rule reads."),
        Field("item", "string", optional: true, "The rule reads the answer to this item."),
        Field("dimension", "string|string[]", optional: true, "The rule reads the score on this dimension (or the mean of several)."),
        Field("count_of", "string", optional: true, "The rule reads the number of options chosen in this multi-select item."),
        Field(
          "at_least", "number", optional: true,
          "`share_positive` and `nps`: the value from which a respondent counts as positive / a promoter (`nps` default 9)."),
        Field("at_most", "number", optional: true, "`nps`: the value up to which a respondent counts as a detractor (default 6)."),
        Field("weights", "table<string, number>", optional: true, "`pomp_mean`: weight by dimension id (default: every dimension, weight 1)."),
      ]),
    Shape(
      name: "cultivar.Option", summary: "One option of a choice item.",
      fields: [
        Field("id", "string", "What a response cell may hold (or the label), compared without case."),
        Field("label", textType, "The option as respondents read it."),
        Field("score", "number", "What choosing it counts as: a number within the scale (not for a `multi` item's options)."),
      ]),
    Shape(
      name: "cultivar.Band", summary: "One interpretation band of the index.",
      fields: [
        Field("min", "number", "The lowest index in the band."),
        Field("label", textType, "The band's name."),
        Field("advice", textType, optional: true, "What a team in this band should do."),
      ]),
    Shape(
      name: "cultivar.Respondent", summary: "What the `score` hook receives: one respondent.",
      fields: [
        Field("id", "string", "The respondent id."),
        Field("team", "string", "The respondent's team."),
        Field("row", "integer", "The line of the respondent's row in the response file."),
        Field("answers", "table<string, number>", "Raw answers by item id (unanswered items are nil)."),
        Field("keyed", "table<string, number>", "Answers after reverse keying, by item id."),
        Field(
          "scores", "table<string, number>",
          "Declarative dimension scores by dimension id (nil = no score). The hook may return these and the values of measures without a source, by id."
        ),
        Field(
          "counts", "table<string, integer>",
          "For each multi-select item of the framework, by item id: the number of its options the respondent chose (nil = not answered, or an item the survey leaves out)."
        ),
      ]),
    Shape(
      name: "cultivar.Team", summary: "What the `index` hook receives: one team, or the organisation row.",
      fields: [
        Field("name", "string", "The team, or \"(all teams)\"."),
        Field("n", "integer", "Respondents in the team."),
        Field("index", "number", optional: true, "The declarative index (mean POMP of the dimensions)."),
        Field("dimensions", "table<string, cultivar.TeamDimension>", "Statistics by dimension id."),
        Field("measures", "table<string, cultivar.TeamMeasure>", "Aggregates by measure id (empty without `measures`)."),
      ]),
    Shape(
      name: "cultivar.TeamMeasure", summary: "A team's aggregates of one measure (missing ones are nil).",
      fields: [
        Field("n", "integer", "Respondents with a value."),
        Field("mean", "number", optional: true, "Mean value."),
        Field("sd", "number", optional: true, "Sample standard deviation (n − 1)."),
        Field("sum", "number", optional: true, "Sum of the values."),
        Field("at_least", "number", optional: true, "% of respondents whose value is at least the measure's `at_least`."),
        Field("at_most", "number", optional: true, "% of respondents whose value is at most the measure's `at_most`."),
        Field("pooled", "number", optional: true, "For `all_items`: the mean of every answer, each counted once."),
      ]),
    Shape(
      name: "cultivar.TeamDimension", summary: "A team's statistics for one dimension (missing ones are nil).",
      fields: [
        Field("n", "integer", "Respondents with a score in the dimension."),
        Field("mean", "number", optional: true, "Mean score."),
        Field("sd", "number", optional: true, "Sample standard deviation (n − 1)."),
        Field("pomp", "number", optional: true, "Mean as percent of maximum possible, 0–100."),
        Field("favorable", "number", optional: true, "Favourable answers, percent."),
      ]),
    Shape(
      name: "cultivar.BandResult", summary: "A band the `band` hook may return.",
      fields: [
        Field("label", "string", "The band's name."),
        Field("advice", "string", optional: true, "What the team should do."),
      ]),
  ]
}
