/// A respondent attribute declared by the survey (location, tenure, role level ...): a column
/// of the responses whose cell is one of the allowed values, or a number placed in a band.
/// An empty cell means "not given".
public struct Attribute: Equatable, Sendable {
  /// The column name (and the name used in `--by`).
  public var name: String
  /// The allowed values; for a banded attribute, the bands' labels (`<1`, `1-3`, `3+`).
  public var values: [String]
  /// Band limits in ascending order, for a number attribute: `[1, 3]` gives `<1`, `1-3`
  /// (1 up to but not including 3) and `3+`. Nil for listed values.
  public var bands: [Double]?
  /// Where it is declared in the survey file.
  public var line: Int
  /// The question that asks it (`question:`; nil: the name), as the form shows it and as
  /// survey tools' exports may head its column.
  public var question: String?

  /// The most values an attribute may have (each is coded in one character of a group key).
  public static let maximumValues = 50

  public init(name: String, values: [String], bands: [Double]? = nil, line: Int = 0) {
    self.name = name
    self.values = values
    self.bands = bands
    self.line = line
  }

  /// An attribute of numbers placed in bands between `limits`.
  public static func banded(name: String, limits: [Double], line: Int = 0) -> Attribute {
    func text(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
    var labels = ["<\(text(limits[0]))"]
    for i in 1..<limits.count { labels.append("\(text(limits[i - 1]))-\(text(limits[i]))") }
    labels.append("\(text(limits[limits.count - 1]))+")
    return Attribute(name: name, values: labels, bands: limits, line: line)
  }

  /// The value index of a trimmed, non-empty cell (for a banded attribute, of its number), or nil.
  public func index(of text: String, number: Double?) -> Int? {
    if let bands {
      guard let x = number else { return values.firstIndex(of: text) }
      return bands.firstIndex { x < $0 } ?? bands.count
    }
    return values.firstIndex(of: text)
  }

  /// The label of the value a trimmed, non-empty cell gives, or nil when it gives none.
  public func label(of text: String, number: Double?) -> String? { index(of: text, number: number).map { values[$0] } }

  /// Why a cell is refused, with a suggestion.
  public func refusal(_ text: String) -> String {
    if bands != nil {
      return
        "'\(text)' is not a number for attribute '\(name)' (bands \(values.joined(separator: ", "))); give a number, a band's label, or leave it empty"
    }
    let near = Suggestion.closest(to: text, in: values).map { " (did you mean '\($0)'?)" } ?? ""
    return "'\(text)' is not a value of attribute '\(name)'\(near); give one of: \(values.joined(separator: ", ")), or leave it empty"
  }
}

/// The key a response's group is folded under when a run cuts by attributes: the team, then
/// one character per attribute (`-` for not given, then `A`, `B` ... for the values).
public enum AttributeKey {
  static let separator: Character = "\u{1F}"
  static let codes = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

  /// The key of a team and its value indices (nil = not given).
  public static func compose(team: String, values: [Int?]) -> String {
    team + String(separator) + String(values.map { $0.map { codes[$0] } ?? "-" })
  }

  /// The code character of value index `i` (nil = not given).
  public static func code(_ i: Int?) -> UInt8 { i.map { codes[$0].asciiValue! } ?? UInt8(ascii: "-") }

  /// The separator byte between the team and the codes.
  public static let separatorByte: UInt8 = 0x1F

  /// The team and value indices of a key (a key without codes is a team alone).
  /// The team part of a group key given as UTF-8 bytes (``split(_:)``'s `team`).
  public static func team(of key: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    guard let cut = key.lastIndex(of: separatorByte) else { return key }
    return UnsafeBufferPointer(rebasing: key[..<cut])
  }

  public static func split(_ key: String) -> (team: String, values: [Int?]) {
    // The separator is one ASCII byte, so its last UTF-8 position is a character boundary; a
    // byte search keeps this cheap for the common key without codes (a `score` hook asks once
    // per group of rows).
    guard let cut = key.utf8.lastIndex(of: separatorByte) else { return (key, []) }
    let values = key[key.index(after: cut)...].map { c in codes.firstIndex(of: c) }
    return (String(key[..<cut]), values)
  }
}
