import Foundation

/// Response ids: 128 random bits from the system's secure generator, so neither an id nor
/// the order of rows (stored by id) says anything about when a response arrived.
enum ResponseID {
  /// A new random id (16 bytes).
  static func make() -> Data {
    var generator = SystemRandomNumberGenerator()
    var bytes = Data(count: 16)
    for index in 0..<16 { bytes[index] = UInt8.random(in: .min ... .max, using: &generator) }
    return bytes
  }
}
