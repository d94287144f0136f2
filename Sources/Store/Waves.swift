import GRDB
import SurveyIO
import SurveyModel

/// A survey as the store records it: its id, title and the plugin versions used to collect.
public struct SurveyStamp: Sendable, Equatable {
  public var key: String
  public var title: String
  /// (plugin id, version) of each framework the survey uses.
  public var plugins: [PluginVersion]

  public init(key: String, title: String, plugins: [PluginVersion]) {
    self.key = key
    self.title = title
    self.plugins = plugins
  }
}

/// A plugin id and version.
public struct PluginVersion: Sendable, Equatable {
  public var id: String
  public var version: String
  public init(id: String, version: String) {
    self.id = id
    self.version = version
  }
}

/// A wave (one round of a survey) in the store.
public struct WaveRef: Sendable, Equatable {
  public let id: Int64
  public let name: String
  public let survey: String

  public init(id: Int64, name: String, survey: String) {
    self.id = id
    self.name = name
    self.survey = survey
  }
}

/// A wave with its response count, for listings.
public struct WaveInfo: Sendable, Equatable {
  public let name: String
  public let createdOn: String
  public let responses: Int

  public init(name: String, createdOn: String, responses: Int) {
    self.name = name
    self.createdOn = createdOn
    self.responses = responses
  }
}

extension ResponseStore {
  /// The wave `name` of the survey, created (with the survey) when missing. Records the
  /// plugin versions in use for the wave.
  /// - Throws: ``StoreError``.
  public func openWave(_ name: String, survey: SurveyStamp) throws -> WaveRef {
    try write { db in try Self.openWave(db, name: name, survey: survey) }
  }

  static func openWave(_ db: Database, name: String, survey: SurveyStamp) throws -> WaveRef {
    let today = Day.today()
    try db.execute(
      sql: "INSERT INTO survey (key, title, created_on) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET title = excluded.title",
      arguments: [survey.key, survey.title, today])
    let surveyID = try Int64.fetchOne(db, sql: "SELECT id FROM survey WHERE key = ?", arguments: [survey.key])!
    try db.execute(sql: "INSERT INTO wave (survey_id, name, created_on) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", arguments: [surveyID, name, today])
    let waveID = try Int64.fetchOne(db, sql: "SELECT id FROM wave WHERE survey_id = ? AND name = ?", arguments: [surveyID, name])!
    for plugin in survey.plugins {
      try db.execute(
        sql: "INSERT INTO wave_plugin (wave_id, plugin_id, version, first_used_on) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        arguments: [waveID, plugin.id, plugin.version, today])
    }
    return WaveRef(id: waveID, name: name, survey: survey.key)
  }

  /// The existing wave `name` of survey `key`.
  /// - Throws: ``StoreError`` of kind `.notFound`, listing the waves there are.
  public func wave(_ name: String, survey key: String) throws -> WaveRef {
    let id = try read { db in
      try Int64.fetchOne(
        db,
        sql: "SELECT wave.id FROM wave JOIN survey ON survey.id = wave.survey_id WHERE survey.key = ? AND wave.name = ? AND wave.staged_by IS NULL",
        arguments: [key, name])
    }
    guard let id else {
      let known = try waves(survey: key).map(\.name)
      let hint =
        known.isEmpty
        ? "the store holds no waves of survey '\(key)'; import responses with 'cultivar import SURVEY FILE --wave \(name)'"
        : "waves of survey '\(key)': \(known.joined(separator: ", "))"
      throw StoreError(kind: .notFound, store: self.name, message: "no wave '\(name)' of survey '\(key)'", hint: hint)
    }
    return WaveRef(id: id, name: name, survey: key)
  }

  /// The waves of survey `key`, oldest first, with their response counts.
  public func waves(survey key: String) throws -> [WaveInfo] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT wave.name, wave.created_on, (SELECT COUNT(*) FROM visible_response WHERE visible_response.wave_id = wave.id) AS n
          FROM wave JOIN survey ON survey.id = wave.survey_id WHERE survey.key = ? AND wave.staged_by IS NULL ORDER BY wave.id
          """, arguments: [key]
      ).map { WaveInfo(name: $0[0], createdOn: $0[1], responses: $0[2]) }
    }
  }

  /// The plugin versions recorded for a wave.
  public func plugins(of wave: WaveRef) throws -> [PluginVersion] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT plugin_id, version FROM wave_plugin WHERE wave_id = ? ORDER BY plugin_id, version", arguments: [wave.id])
        .map { PluginVersion(id: $0[0], version: $0[1]) }
    }
  }

  /// The number of responses in a wave.
  public func responseCount(of wave: WaveRef) throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM visible_response WHERE wave_id = ?", arguments: [wave.id]) ?? 0 }
  }
}

extension ResponseStore {
  /// Every survey in the store, by key (plugins are recorded per wave: see ``plugins(of:)``).
  public func surveys() throws -> [SurveyStamp] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT key, title FROM survey ORDER BY key").map { SurveyStamp(key: $0[0], title: $0[1], plugins: []) }
    }
  }

  /// The responses of a wave for scoring (checks the store's integrity first).
  public func responses(of wave: WaveRef, itemIDs: [String], byLanguage: Bool, attributes: [Attribute]) throws -> any ResponseSource {
    try StoredResponses(store: self, wave: wave, itemIDs: itemIDs, byLanguage: byLanguage, attributes: attributes)
  }
}
