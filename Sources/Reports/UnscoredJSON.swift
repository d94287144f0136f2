import SurveyModel

/// The JSON document of `comments` and `selections`: the same envelope (schema, survey,
/// input, cut, privacy) around what each publishes per item.
enum UnscoredJSON {
  /// The document, with its privacy object's `fields` and its `items`, ending in a newline.
  static func document(
    schema: String, survey: SurveyInfo, input: InputSummary, cut: String, privacy fields: [(String, JSON)], items: [JSON]
  ) -> String {
    JSON.object([
      ("schema", .string(schema)),
      ("survey", .object([("id", .string(survey.id)), ("title", .string(survey.title))])),
      (
        "input",
        .object([
          ("file", .string(input.file)), ("rows_read", .number(Double(input.rowsRead))),
          ("rows_used", .number(Double(input.rowsUsed))), ("rows_rejected", .number(Double(input.rowsRejected))),
        ])
      ),
      ("cut", .string(cut)),
      ("privacy", .object(fields)),
      ("items", .array(items)),
    ]).render() + "\n"
  }
}
