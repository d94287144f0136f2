import SurveyModel

/// Where a report's text goes: UTF-8 bytes gathered in a buffer and handed on in large
/// blocks, so that a report of any size is written with constant memory.
public final class ReportSink {
  private var buffer: [UInt8] = []
  private let blockSize: Int
  private let flushBlock: ([UInt8]) throws -> Void

  /// - Parameter flush: receives each full block, and the rest at ``finish()``.
  public init(blockSize: Int = 1 << 20, flush: @escaping ([UInt8]) throws -> Void) {
    self.blockSize = blockSize
    flushBlock = flush
    buffer.reserveCapacity(blockSize + 4096)
  }

  /// Appends text.
  public func write(_ text: String) {
    var text = text
    text.withUTF8 { buffer.append(contentsOf: $0) }
  }

  /// Appends one byte (ASCII).
  @inline(__always)
  func byte(_ value: UInt8) { buffer.append(value) }

  /// Appends a CSV text field, quoted when it holds a comma, quote or line break (``CSVText``),
  /// with a leading `'` when it would start a spreadsheet formula (``SafeText/spreadsheetCell(_:)``).
  func csvField(_ text: String) { write(CSVText.field(SafeText.spreadsheetCell(text))) }

  /// Appends a number in full precision (nothing for nil).
  func exact(_ value: Double?) {
    guard let value, value.isFinite else { return }
    if value == value.rounded(), abs(value) < 1e15 { integer(Int64(value)) } else { write(value.description) }
  }

  /// Appends a whole number.
  func integer(_ value: Int64) {
    if value < 0 { buffer.append(0x2D) }
    var digits:
      (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      )
    var count = 0
    var rest = value.magnitude
    withUnsafeMutableBytes(of: &digits) { d in
      repeat {
        d[count] = UInt8(rest % 10) + 0x30
        rest /= 10
        count += 1
      } while rest > 0
      for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(d[i]) }
    }
  }

  /// Hands on a full block when there is one.
  public func flushIfFull() throws {
    if buffer.count >= blockSize { try drain() }
  }

  /// Hands on everything left.
  public func finish() throws { try drain() }

  private func drain() throws {
    guard !buffer.isEmpty else { return }
    try flushBlock(buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}

extension ReportSink {
  /// Everything `body` writes to a sink, as text.
  static func text(_ body: (ReportSink) throws -> Void) -> String {
    var bytes: [UInt8] = []
    let sink = ReportSink { bytes += $0 }
    try? body(sink)
    try? sink.finish()
    return String(decoding: bytes, as: UTF8.self)
  }
}

extension ReportRenderer where Report == ScoreReport {
  /// Score reports are streamed (their renderers implement `write`); the whole text collects it.
  public func render(_ report: ScoreReport) -> String { ReportSink.text { try write(report, to: $0) } }
}
