import Foundation
import GRDB

extension ResponseStore {
  /// Stores one response given in the terminal, with its answers, in one transaction (the
  /// wave is created if needed). No identity, source key or time finer than the day is kept.
  /// - Parameters:
  ///   - waveName: the wave to store it in.
  ///   - survey: the survey and plugin versions, recorded with the wave.
  ///   - answers: item id → value.
  ///   - comments: item id → comment (answers to `text` items; blank ones are not stored).
  ///   - language: the language the survey was answered in (nil: not recorded).
  ///   - attributes: the respondent attributes given (name → a declared value's label).
  public func addResponse(
    toWave waveName: String, survey: SurveyStamp, team: String, answers: [String: Double], comments: [String: String], language: String?,
    attributes: [String: String]
  ) throws {
    try write { db in
      let wave = try Self.openWave(db, name: waveName, survey: survey)
      try Self.insertResponse(
        db, wave: wave, team: team, channel: "terminal", answers: answers, comments: comments, language: language, attributes: attributes)
    }
  }

  /// Inserts a response under a new random id, with the day only.
  static func insertResponse(
    _ db: Database, wave: WaveRef, team: String, channel: String, answers: [String: Double], comments: [String: String] = [:],
    language: String? = nil,
    attributes: [String: String] = [:]
  ) throws {
    let responseID = ResponseID.make()
    try db.execute(
      sql: "INSERT INTO response (id, wave_id, team, channel, received_on, language) VALUES (?, ?, ?, ?, ?, ?)",
      arguments: [responseID, wave.id, team, channel, Day.today(), language])
    for (item, value) in answers.sorted(by: { $0.key < $1.key }) where !value.isNaN {
      try db.execute(sql: "INSERT INTO answer (response_id, item_id, value) VALUES (?, ?, ?)", arguments: [responseID, item, value])
    }
    try insertComments(db, response: responseID, comments: comments.sorted { $0.key < $1.key })
    try insertAttributes(db, response: responseID, attributes: attributes.sorted { $0.key < $1.key })
  }

  /// Inserts the attributes given with a response.
  static func insertAttributes(_ db: Database, response: Data, attributes: [(key: String, value: String)]) throws {
    for (name, value) in attributes {
      try db.execute(sql: "INSERT INTO response_attribute (response_id, name, value) VALUES (?, ?, ?)", arguments: [response, name, value])
    }
  }

  /// Inserts the non-blank comments of a response.
  static func insertComments(_ db: Database, response: Data, comments: [(key: String, value: String)]) throws {
    for (item, text) in comments where !text.allSatisfy(\.isWhitespace) {
      try db.execute(sql: "INSERT INTO comment (response_id, item_id, text) VALUES (?, ?, ?)", arguments: [response, item, text])
    }
  }
}
