import SurveyModel

/// Turns the attribute values stored with a response into its group key (``AttributeKey``:
/// the team, then one code per declared attribute), for runs that cut by attributes. Both
/// backends read through it, so a wave groups alike wherever it is stored.
public struct AttributeCodes: Sendable {
  private let attributes: [Attribute]
  /// Per attribute name: its position and its values' indices.
  private let lookup: [String: (position: Int, values: [String: Int])]
  private let store: String
  private let wave: String

  /// - Parameters:
  ///   - attributes: the survey's attributes, in declaration order.
  ///   - store: how messages name the store; `wave`: the wave read.
  public init(attributes: [Attribute], store: String, wave: String) {
    self.attributes = attributes
    var lookup: [String: (Int, [String: Int])] = [:]
    for (a, attribute) in attributes.enumerated() where lookup[attribute.name] == nil {
      lookup[attribute.name] = (a, Dictionary(attribute.values.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }))
    }
    self.lookup = lookup
    self.store = store
    self.wave = wave
  }

  /// The group key of a response of `team` whose stored attributes are `stored` (name,
  /// value). Attributes the survey no longer declares are left out; an attribute not stored
  /// is "not given".
  /// - Throws: ``StoreError`` of kind `.undeclared` for a stored value the survey's attribute
  ///   does not list (the store keeps values as they were given).
  public func key<S: Sequence>(team: String, stored: S) throws -> String where S.Element == (String, String) {
    var values = [Int?](repeating: nil, count: attributes.count)
    for (name, value) in stored {
      guard let (position, indices) = lookup[name] else { continue }
      guard let index = indices[value] else {
        let attribute = attributes[position]
        throw StoreError(
          kind: .undeclared, store: store,
          message: "wave '\(wave)' holds responses with \(name) '\(value)', which attribute '\(name)' of the survey no longer lists",
          hint:
            "the store keeps each response's attributes as they were given; add '\(value)' back to the values of '\(name)' (survey file line \(attribute.line)), or cut by another attribute"
        )
      }
      values[position] = index
    }
    return AttributeKey.compose(team: team, values: values)
  }
}
