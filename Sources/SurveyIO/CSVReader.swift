import Foundation

/// A streaming CSV reader working on bytes: it reads the file in blocks, lets
/// ``CSVTokenizer`` find records and fields (no string per cell), skips empty lines and a
/// UTF-8 byte-order mark, and knows the line of every record.
public final class CSVReader {
  /// A field of the current record: its bytes (unquoted).
  public struct Field {
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The field's text.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
    public var isEmpty: Bool { bytes.isEmpty }
  }

  /// A malformed record: the line the problem is on, the field (1-based) and what is wrong.
  public struct SyntaxError: Error, Equatable {
    public let line: Int
    public let column: Int
    public let message: String
    /// How to fix it.
    public var hint: String = SyntaxError.quoting

    /// How to fix a malformed record.
    public static let quoting = "quote fields that contain commas, quotes or line breaks, and double any quote inside them"
    /// How to fix text that is not UTF-8.
    public static let encoding =
      "save the file as UTF-8 (Excel: 'CSV UTF-8 (Comma delimited)'; LibreOffice: character set 'Unicode (UTF-8)'), or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8 (-f UTF-16 for a UTF-16 file)"
  }

  private let file: InputFile?
  private var data: [UInt8]
  private var start = 0
  private var atEOF = false
  private let tokenizer: CSVTokenizer
  private let fields = CSVFields()
  /// The line on which the current record starts (1-based).
  public private(set) var line = 0
  private var nextLine = 1
  private let blockSize: Int
  /// Bytes dropped from the front of the buffer so far.
  private var dropped = 0

  /// Opens a file for reading.
  /// - Parameter delimiter: the field separator, `,` (CSV) or a tab (TSV).
  /// - Throws: ``InputFile/Failure`` when the file cannot be opened or read.
  public init(path: String, delimiter: UInt8 = UInt8(ascii: ","), blockSize: Int = 1 << 20) throws {
    file = try InputFile(path: path)
    self.data = []
    self.blockSize = max(1, blockSize)
    tokenizer = CSVTokenizer(delimiter: delimiter)
    while data.count < 3, !atEOF { try fill() }
    skipByteOrderMark()
  }

  /// Reads from bytes in memory (tests, small inputs).
  public init(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
    file = nil
    data = bytes
    atEOF = true
    blockSize = 0
    tokenizer = CSVTokenizer(delimiter: delimiter)
    skipByteOrderMark()
  }

  /// How many bytes of the input have been consumed (for progress reports).
  public var bytesConsumed: Int { dropped + start }

  private func skipByteOrderMark() {
    if data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF { start = 3 }
  }

  /// Appends the next block to the buffer, dropping what has been consumed. A record
  /// longer than a block makes the next read as large as the buffer (linear, not quadratic).
  private func fill() throws(InputFile.Failure) {
    guard let file, !atEOF else {
      atEOF = true
      return
    }
    if start > 0 {
      data.removeSubrange(0..<start)
      dropped += start
      start = 0
    }
    if try file.read(upTo: max(blockSize, data.count), appendingTo: &data) == 0 { atEOF = true }
  }

  /// Moves to the next record, past empty lines. Returns false at the end of the file.
  /// - Throws: ``SyntaxError`` for an unclosed quote or text after a closing quote;
  ///   ``InputFile/Failure`` when the file cannot be read.
  public func next() throws -> Bool {
    while true {
      if start >= data.count {
        if atEOF { return false }
        try fill()
        continue
      }
      let step = data.withUnsafeBufferPointer { tokenizer.scan($0, from: start, atEnd: atEOF, into: fields) }
      switch step {
      case .blank(let next):
        nextLine += 1
        start = next
      case .record(let next, let lineBreaks):
        line = nextLine
        nextLine += lineBreaks
        start = next
        return true
      case .incomplete:
        try fill()
      case .malformed(let lineBreaks, let field, let message, let hint):
        throw SyntaxError(line: nextLine + lineBreaks, column: field, message: message, hint: hint)
      }
    }
  }

  /// Calls `body` with the fields of the current record.
  func withFields<R>(_ body: (FieldSlices) throws -> R) rethrows -> R {
    try data.withUnsafeBufferPointer { try fields.with(scanned: $0, body) }
  }

  /// The number of fields in the current record.
  public var fieldCount: Int { fields.count }

  /// Calls `body` with field `index` of the current record.
  public func withField<R>(_ index: Int, _ body: (Field) throws -> R) rethrows -> R {
    try withFields { try body(Field(bytes: $0.bytes(index))) }
  }

  /// The text of field `index` of the current record.
  public func string(at index: Int) -> String { withFields { $0.string(index) } }

  /// All fields of the current record as text.
  public var strings: [String] { withFields { $0.strings } }
}
