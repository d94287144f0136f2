import Foundation
import PostgresNIO
import Store
import SurveyIO
import SurveyModel

/// The responses of one wave on PostgreSQL with their stored attributes, for runs that cut by
/// attributes: like ``PostgresResponses`` (same rows, same order, same numbering), with each
/// row's group made of its team and attribute values by ``AttributeCodes``, as SQLite's
/// ``StoredResponses`` makes it.
final class PostgresAttributedResponses: ResponseSource {
  let file: String
  let header: [String]
  private(set) var rowsRead = 0
  private let cursor: PostgresCursor
  private let slotOfItem: [String: Int]
  private let itemCount: Int
  private let codes: AttributeCodes
  private var page: [PostgresRow] = []
  private var index = 0

  init(link: PostgresLink, wave: WaveRef, itemIDs: [String], codes: AttributeCodes, file: String) throws {
    self.file = file
    self.codes = codes
    header = ["response", "team"] + itemIDs
    itemCount = itemIDs.count
    slotOfItem = Dictionary(itemIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    cursor = try PostgresCursor(
      link: link,
      query: """
        SELECT r.team, a.items, a.vals, g.names, g.vals FROM visible_response r
        LEFT JOIN LATERAL (SELECT array_agg(item_id) AS items, array_agg(value) AS vals FROM answer WHERE answer.response_id = r.id) a ON true
        LEFT JOIN LATERAL (SELECT array_agg(name) AS names, array_agg(value) AS vals FROM response_attribute WHERE response_attribute.response_id = r.id) g ON true
        WHERE r.wave_id = \(wave.id) ORDER BY r.id
        """)
  }

  func next() throws -> ResponseOutcome? {
    if index == page.count {
      page = try cursor.nextPage()
      index = 0
      if page.isEmpty { return nil }
    }
    let (team, items, values, names, given) = try page[index].decode((String, [String]?, [Double]?, [String]?, [String]?).self)
    index += 1
    rowsRead += 1
    let key = try codes.key(team: team, stored: zip(names ?? [], given ?? []).map { ($0, $1) })
    var row = ResponseRow(line: rowsRead, respondent: "response \(rowsRead)", team: key, values: Array(repeating: .nan, count: itemCount))
    if let items, let values {
      for (item, value) in zip(items, values) {
        if let slot = slotOfItem[item] { row.values[slot] = value }
      }
    }
    return .row(row)
  }
}
