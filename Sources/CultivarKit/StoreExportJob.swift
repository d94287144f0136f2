import Foundation
import Store
import SurveyIO
import SurveyModel

/// `cultivar store export --wave W FILE`: a wave's responses as a set, from either backend. The
/// CSV has a `respondent_id` column (the row's number in the file: 1, 2, 3...), a `team` column,
/// one column per answered item (by item id) and one per respondent attribute any response
/// gives (by the attribute's name, empty = not given) and a `language` column when any response's
/// language is recorded, as `score --responses` and `import` read them with the default column
/// names; one row per response in a fresh random order, and nothing else: no stored ids, days,
/// channels, import keys or comments, so a row cannot be put back in the order of arrival nor
/// linked to the store or to an earlier export. A name (team, attribute value, language) that
/// a spreadsheet would run as a formula gets a leading `'` (``SafeText/spreadsheetCell(_:)``),
/// which every reader of responses removes again, so an export imported into a new store gives
/// back the same names. Written atomically.
public struct StoreExportJob {
  /// The store (see ``StoreLocation``).
  public var store: String
  public var wave: String
  /// The survey id (nil: the store's only survey).
  public var survey: String?
  public var target: String
  public var workspace = Workspace()

  public init(store: String, wave: String, survey: String?, target: String) {
    self.store = store
    self.wave = wave
    self.survey = survey
    self.target = target
  }

  /// Writes the file.
  /// - Returns: what was written, and where.
  /// - Throws: ``UsageError``, ``StoreError`` (no such survey or wave), ``InputError`` (the
  ///   file cannot be written; it is then left as it was).
  public func run() throws -> String {
    try WaveName.check(wave)
    guard !target.isEmpty else { throw UsageError(message: "the export file name is empty", hint: "name a file, e.g. wave-2026-q3.csv") }
    let responses = try StoreAccess.open(store, workspace: workspace, create: false)
    let surveys = try responses.surveys()
    let key: String
    if let survey {
      guard surveys.contains(where: { $0.key == survey }) else {
        throw StoreError(
          kind: .notFound, store: responses.name, message: "no survey '\(survey)'",
          hint: surveys.isEmpty ? "the store holds no survey yet" : "surveys in this store: \(surveys.map(\.key).joined(separator: ", "))")
      }
      key = survey
    } else if surveys.count == 1 {
      key = surveys[0].key
    } else {
      throw UsageError(
        message: surveys.isEmpty
          ? "\(responses.name) holds no survey" : "\(responses.name) holds \(surveys.count) surveys; which one is the wave of?",
        hint: surveys.isEmpty
          ? "store responses first (cultivar import, take or serve)" : "add --survey ID (one of \(surveys.map(\.key).joined(separator: ", ")))")
    }
    let export = try responses.exportWave(try responses.wave(wave, survey: key))
    var rows: [(team: String, answers: [(String, Double)], attributes: [(String, String)], language: String?)] = []
    var languages = false
    var items = Set<String>()
    var attributes = Set<String>()
    while true {
      let page = try export.nextResponses()
      if page.isEmpty { break }
      for response in page {
        rows.append((response.team, response.answers, response.attributes, response.language))
        if response.language != nil { languages = true }
        for (item, _) in response.answers { items.insert(item) }
        for (name, _) in response.attributes { attributes.insert(name) }
      }
    }
    var generator = SystemRandomNumberGenerator()
    rows.shuffle(using: &generator)
    let columns = items.sorted()
    let column = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
    let attributeColumns = attributes.sorted()
    let attributeColumn = Dictionary(uniqueKeysWithValues: attributeColumns.enumerated().map { ($1, $0) })
    let languageColumn = languages ? [Self.languageColumn] : []
    if languages, let clash = (columns + attributeColumns).first(where: { $0 == Self.languageColumn }) {
      throw UsageError(
        message: "wave '\(wave)' has an item or attribute named '\(clash)', the column the export gives each response's language",
        hint: "export a wave whose responses record no language, or rename the item or attribute in the survey")
    }
    try AtomicFile.stream(to: target) { write in
      try write(Array((CSVText.line(["respondent_id", "team"] + columns + attributeColumns + languageColumn) + "\n").utf8))
      var block: [UInt8] = []
      for (number, row) in rows.enumerated() {
        var cells = [String](repeating: "", count: columns.count)
        for (item, value) in row.answers { cells[column[item]!] = Self.number(value) }
        var given = [String](repeating: "", count: attributeColumns.count)
        // Values are the survey's declared ones (checked when stored); names are neutralised
        // so that they read back as they are.
        for (name, value) in row.attributes { given[attributeColumn[name]!] = SafeText.spreadsheetCell(value) }
        let language = languages ? [SafeText.spreadsheetCell(row.language ?? "")] : []
        let line = [String(number + 1), SafeText.spreadsheetCell(row.team)] + cells + given + language
        block += Array((CSVText.line(line) + "\n").utf8)
        if block.count >= 1 << 16 {
          try write(block)
          block.removeAll(keepingCapacity: true)
        }
      }
      try write(block)
    }
    return
      "exported wave '\(wave)' of survey '\(key)' from \(responses.name) to \(workspace.display(target)): \(Counted.phrase(rows.count, "response")) in random order, \(Counted.phrase(columns.count, "item"))\(attributeColumns.isEmpty ? "" : ", attributes \(attributeColumns.joined(separator: ", "))")\(languages ? ", languages" : "") (no ids, days or comments)\n"
  }

  /// The column of each response's language (one of `SurveyDefinition.responseLanguageColumns`, whatever the survey names).
  static let languageColumn = "language"

  /// A stored value as text: whole numbers without a decimal point, others in full precision.
  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
  }
}
