import SurveyModel

/// Turns one CSV record into item values (fast, no allocation) or, when anything is wrong
/// with it, into the list of its problems.
struct RowDecoder {
  let header: [String]
  let respondentColumn: Int
  let teamColumn: Int
  /// For each column: the value slot it fills, or -1.
  let slotOfColumn: [Int]
  let items: [ResponseFileReader.ItemColumn]
  private let labels: [[String: Double]]
  private let low: [Double]
  private let high: [Double]

  init(header: [String], mapping: HeaderMapping, items: [ResponseFileReader.ItemColumn]) {
    self.header = header
    respondentColumn = mapping.respondent
    teamColumn = mapping.team
    slotOfColumn = mapping.slots.map { $0 ?? -1 }
    self.items = items
    labels = items.map { item in
      Dictionary(item.scale.labels.enumerated().map { ($1.lowercased(), item.scale.min + Double($0)) }, uniquingKeysWith: { a, _ in a })
    }
    low = items.map(\.scale.min)
    high = items.map(\.scale.max)
  }

  /// Fills `values` (one per slot, NaN = no answer). Returns false when the record has any
  /// problem; ``problems(_:line:)`` then says which.
  @inline(__always)
  func fill(_ values: UnsafeMutablePointer<Double>, from fields: FieldSlices) -> Bool {
    guard fields.count == header.count else { return false }
    for column in 0..<fields.count {
      let slot = slotOfColumn[column]
      if slot < 0 { continue }
      let bytes = fields.bytes(column)
      if bytes.count == 1, bytes[0] &- 0x30 < 10 {
        let x = Double(bytes[0] &- 0x30)
        guard x >= low[slot], x <= high[slot] else { return false }
        values[slot] = x
      } else if bytes.isEmpty {
        values[slot] = .nan
      } else {
        guard let x = value(bytes, slot: slot) else { return false }
        values[slot] = x
      }
    }
    return !isBlank(fields.bytes(teamColumn))
  }

  /// The value of a non-trivial cell (a decimal, a label, spaces), or nil if invalid.
  private func value(_ bytes: UnsafeBufferPointer<UInt8>, slot: Int) -> Double? {
    if isBlank(bytes) { return .nan }
    let text = String(decoding: bytes, as: UTF8.self)
    guard let x = NumberParser.parse(bytes) ?? labels[slot][text.trimmingSpaces.lowercased()] else { return nil }
    return x >= low[slot] && x <= high[slot] ? x : nil
  }

  private func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }

  /// Every problem of a record that ``fill(_:from:)`` refused.
  func problems(_ fields: FieldSlices, line: Int) -> [RowProblem] {
    guard fields.count == header.count else {
      return [RowProblem(line: line, reason: "the row has \(fields.count) fields but the header has \(header.count)")]
    }
    var problems: [RowProblem] = []
    for column in 0..<fields.count where slotOfColumn[column] >= 0 {
      let slot = slotOfColumn[column]
      let bytes = fields.bytes(column)
      if value(bytes, slot: slot) != nil { continue }
      let text = fields.string(column)
      let scale = items[slot].scale
      let reason: String
      if let number = NumberParser.parse(bytes) ?? labels[slot][text.trimmingSpaces.lowercased()] {
        reason = "\(Number.format(number)) is outside the scale \(scale.rangeText) of item '\(items[slot].id)'"
      } else {
        let labelHint = scale.labels.isEmpty ? "" : " or one of its labels"
        reason = "'\(text)' is not a number; item '\(items[slot].id)' takes a value from \(scale.rangeText)\(labelHint), or an empty cell for no answer"
      }
      problems.append(RowProblem(line: line, column: column + 1, columnName: header[column], value: text, reason: reason))
    }
    if isBlank(fields.bytes(teamColumn)) {
      problems.append(RowProblem(line: line, column: teamColumn + 1, columnName: header[teamColumn], reason: "the team is missing"))
    }
    return problems
  }

  /// The trimmed team and respondent id of an accepted record.
  func identity(_ fields: FieldSlices, line: Int) -> (team: String, respondent: String) {
    let team = fields.string(teamColumn).trimmingSpaces
    let respondent = respondentColumn >= 0 ? fields.string(respondentColumn).trimmingSpaces : ""
    return (team, respondent.isEmpty ? "row \(line)" : respondent)
  }
}
