/// Short texts stored end to end in one byte buffer, such as a batch's respondent ids: once the
/// buffer has grown, appending a text allocates nothing, and a text becomes a `String` only
/// when it is asked for (a `score` hook that never reads `id` or `team` made a million of
/// them per million rows, 8 % of a hook run's time).
public struct TextList: Sendable {
  private var bytes: [UInt8] = []
  private var ends: [Int32] = []

  public init() {}

  /// The number of texts.
  public var count: Int { ends.count }
  public var isEmpty: Bool { ends.isEmpty }

  /// Appends a text given as UTF-8 bytes.
  public mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: text)
    ends.append(Int32(bytes.count))
  }

  /// Appends a text.
  public mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  /// Makes room for `texts` more texts of `bytes` bytes in all.
  public mutating func reserveCapacity(texts: Int, bytes: Int) {
    self.bytes.reserveCapacity(self.bytes.count + bytes)
    ends.reserveCapacity(ends.count + texts)
  }

  /// Removes every text, keeping the buffers for the next ones.
  public mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
  }

  /// Text `i`.
  public subscript(i: Int) -> String { withUTF8(i) { String(decoding: $0, as: UTF8.self) } }

  /// The buffer holding text `i`, and where the text starts and ends in it.
  fileprivate func storage(of i: Int) -> (bytes: [UInt8], start: Int, end: Int) {
    (bytes, i == 0 ? 0 : Int(ends[i - 1]), Int(ends[i]))
  }

  /// Calls `body` with the UTF-8 bytes of text `i`.
  public func withUTF8<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    let start = i == 0 ? 0 : Int(ends[i - 1])
    return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<Int(ends[i])])) }
  }
}

/// One text of a ``TextList`` (whose bytes it keeps alive), made a `String` only when read.
/// One reference, so that handing it to a hook costs one reference count.
public struct ListedText: Sendable {
  private let bytes: [UInt8]
  private let start: Int
  private let end: Int

  /// Text `index` of `list`.
  public init(_ list: TextList, _ index: Int) {
    (bytes, start, end) = list.storage(of: index)
  }

  /// A text of its own.
  public init(_ text: String) {
    bytes = Array(text.utf8)
    (start, end) = (0, bytes.count)
  }

  /// The text.
  public var string: String { withUTF8 { String(decoding: $0, as: UTF8.self) } }

  /// Calls `body` with the text's UTF-8 bytes.
  public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
  }
}
