import Synchronization

/// A value made once, on first use, by whichever thread asks first; later reads share it. Held
/// by reference, so copies of the value type that holds it share what was made (give a copy a
/// new `Memo` when what the value is made from changes).
public final class Memo<Value: Sendable>: Sendable {
  private let made = Mutex<Value?>(nil)

  public init() {}

  /// The value, made by `make` on the first call.
  public func value(_ make: () -> Value) -> Value {
    made.withLock { made in
      if let made { return made }
      let value = make()
      made = value
      return value
    }
  }
}

extension Dictionary where Value == Int {
  /// Each key's first position in `keys`.
  public init(firstPositions keys: some Sequence<Key>) {
    self.init(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
  }
}
