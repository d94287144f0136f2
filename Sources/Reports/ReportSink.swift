import Dispatch
import SurveyModel
import Synchronization

/// Where a report's text goes: UTF-8 bytes gathered in a buffer and handed on in large
/// blocks, so that a report of any size is written with constant memory.
public final class ReportSink {
  /// The bytes not yet handed on: raw memory, so that appending a byte is a store and a count
  /// (an array checks that it is uniquely referenced on every append).
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private var count = 0
  private let blockSize: Int
  private let flushBlock: ([UInt8]) throws -> Void
  private let background: BackgroundWriter?
  /// The threads ``items(_:_:)`` may write on.
  let workers: Int

  /// - Parameters:
  ///   - flush: receives each full block, and the rest at ``finish()``, in order.
  ///   - writesInBackground: `flush` runs on another thread while the next block is made (at
  ///     most one block waits for it), so writing a report's file overlaps making its text; a
  ///     failure is thrown by the next ``flushIfFull()`` or by ``finish()``.
  ///   - workers: the threads on which a report's many teams may be written (``items(_:_:)``);
  ///     the bytes are the same for any number.
  public init(blockSize: Int = defaultBlockSize, writesInBackground: Bool = false, workers: Int = 1, flush: @escaping ([UInt8]) throws -> Void) {
    self.blockSize = blockSize
    flushBlock = flush
    background = writesInBackground ? BackgroundWriter(flush) : nil
    self.workers = max(1, workers)
    capacity = blockSize + Self.slack
    storage = .allocate(capacity: capacity)
  }

  /// Room past a block for the text that fills it: a block handed on holds at most
  /// `blockSize + slack` bytes, unless one part of ``items(_:_:)`` is larger on its own.
  static let slack = 4096

  /// Bytes handed on at a time: with one block being written in the background and one
  /// waiting for it, a report holds about three (`make bench`'s 1M CSV report, 52 MB: 1 MiB
  /// blocks held 3 MiB at the run's peak).
  public static let defaultBlockSize = 1 << 18

  /// A sink that only gathers bytes (one part of ``items(_:_:)``).
  private init(part capacity: Int) {
    blockSize = .max
    flushBlock = { _ in }
    background = nil
    workers = 1
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  /// A sink dropped half-way (the report failed) still waits for the block being written, so
  /// that nothing writes to the file once its writer has given up on it.
  deinit {
    background?.waitForWrites()
    storage.deallocate()
  }

  /// Appends text.
  public func write(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  /// Appends bytes.
  @inline(__always)
  func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    let n = bytes.count
    if count + n > capacity { grow(to: count + n) }
    guard let base = bytes.baseAddress else { return }
    let target = storage + count
    // Most appends are a key, some punctuation or a number's digits: copied here in at most two
    // overlapping words, not by a call to `memmove` each (a 1M-row JSON report's writing took
    // 220 ms instead of 241, docs/performance.md).
    if n >= 8, n <= 16 {
      let source = UnsafeRawPointer(base)
      let first = source.loadUnaligned(as: UInt64.self)
      let last = source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
      UnsafeMutableRawPointer(target).storeBytes(of: first, as: UInt64.self)
      UnsafeMutableRawPointer(target).storeBytes(of: last, toByteOffset: n - 8, as: UInt64.self)
    } else if n >= 4, n < 8 {
      let source = UnsafeRawPointer(base)
      let first = source.loadUnaligned(as: UInt32.self)
      let last = source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
      UnsafeMutableRawPointer(target).storeBytes(of: first, as: UInt32.self)
      UnsafeMutableRawPointer(target).storeBytes(of: last, toByteOffset: n - 4, as: UInt32.self)
    } else if n < 4 {
      if n > 0 { target[0] = base[0] }
      if n > 1 { target[1] = base[1] }
      if n > 2 { target[2] = base[2] }
    } else {
      target.update(from: base, count: n)
    }
    count += n
  }

  /// Appends the bytes of a literal (ASCII keys and punctuation).
  @inline(__always)
  func ascii(_ text: StaticString) {
    text.withUTF8Buffer { append($0) }
  }

  /// Appends a JSON object key and its colon, `"key": ` (a literal with nothing to escape), in
  /// one step: a report of 50,000 teams writes about four million of them.
  @inline(__always)
  func jsonKey(_ key: StaticString) {
    let n = key.utf8CodeUnitCount
    if count + n + 4 > capacity { grow(to: count + n + 4) }
    storage[count] = 0x22
    count += 1
    key.withUTF8Buffer { append($0) }
    storage[count] = 0x22
    storage[count + 1] = 0x3A
    storage[count + 2] = 0x20
    count += 3
  }

  /// Appends one byte (ASCII).
  @inline(__always)
  func byte(_ value: UInt8) {
    if count == capacity { grow(to: count + 1) }
    storage[count] = value
    count += 1
  }

  private func grow(to needed: Int) {
    let larger = max(needed, capacity * 2)
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    moved.update(from: storage, count: count)
    storage.deallocate()
    storage = moved
    capacity = larger
  }

  /// Appends a CSV text field, quoted when it holds a comma, quote or line break (``CSVText``),
  /// with a leading `'` when it would start a spreadsheet formula (``SafeText/spreadsheetCell(_:)``).
  func csvField(_ text: String) {
    // Read in place (a copy to make it contiguous only when it is not): no reference count
    // taken on a text shared by the threads writing a report.
    let plain =
      text.utf8.withContiguousStorageIfAvailable { bytes in plainField(bytes) }
      ?? {
        var copy = text
        return copy.withUTF8 { plainField($0) }
      }()
    if !plain { write(CSVText.field(SafeText.spreadsheetCell(text))) }
  }

  /// Appends `bytes` when they make a CSV field as they are, and tells whether they did.
  private func plainField(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    // A field that starts with none of `= + - @ tab CR '` (all ASCII, so its first byte
    // tells) and holds no comma, quote or line break is written as it is; any other goes
    // through `SafeText.spreadsheetCell`, the one neutralising rule.
    switch bytes.first {
    case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D, 0x27: return false
    default: break
    }
    for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D { return false }
    append(bytes)
    return true
  }

  /// Appends a number in full precision (nothing for nil): a whole number's digits, or the
  /// shortest text that reads back as the same number (`Double.description`'s), written
  /// without making a `String`.
  func exact(_ value: Double?) {
    guard let value, value.isFinite else { return }
    // Whole when converting to an integer and back gives the number (no call to `round`).
    if abs(value) < 1e15, case let whole = Int64(value), Double(whole) == value {
      integer(whole)
    } else {
      var digits = Digits(sink: .passUnretained(self))
      value.write(to: &digits)
    }
  }

  /// Where `Double.write(to:)` puts its digits: the standard library hands them over as ASCII
  /// bytes (`_writeASCII`), the same bytes as `description` (`ReportSinkTests` checks this).
  /// It lives only inside ``exact(_:)``, so it holds the sink without retaining it, as a
  /// plain value: `Double.write(to:)` is generic, and copying a stream that held a reference
  /// retained and released it for every number (11 % of a 1M-row report's writing).
  private struct Digits: TextOutputStream {
    let sink: Unmanaged<ReportSink>
    mutating func write(_ string: String) { sink._withUnsafeGuaranteedRef { $0.write(string) } }
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { sink._withUnsafeGuaranteedRef { $0.append(buffer) } }
  }

  /// Appends a whole number.
  func integer(_ value: Int64) {
    if count + 20 > capacity { grow(to: count + 20) }
    if value < 0 {
      storage[count] = 0x2D
      count += 1
    }
    var rest = value.magnitude
    var digits = 1
    var scale: UInt64 = 10
    while digits < 20, rest >= scale {
      digits += 1
      if scale > UInt64.max / 10 { break }
      scale *= 10
    }
    var at = count + digits - 1
    repeat {
      storage[at] = UInt8(rest % 10) + 0x30
      rest /= 10
      at -= 1
    } while rest > 0
    count += digits
  }

  /// Writes items `0..<count` in order, item `i` by `item(i, sink)`. With more than one worker
  /// and many items, runs of ``itemsPerPart`` items (parts) are written on the workers into
  /// sinks of their own; whichever worker finishes the next part in order appends it, and the
  /// finished parts after it, here: the same bytes as writing the items one by one, with at
  /// most two parts per worker in memory at once. Workers wait only for a free part sink, never
  /// for each other's parts.
  public func items(_ count: Int, _ item: @escaping @Sendable (Int, ReportSink) -> Void) throws {
    let per = Self.itemsPerPart
    guard workers > 1, count >= 2 * per else {
      for i in 0..<count {
        item(i, self)
        try flushIfFull()
      }
      return
    }
    let line = PartLine(parts: (count + per - 1) / per, sinks: 2 * workers, into: self)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let (k, sink) = line.next() {
        if !line.stopped {
          for i in (k * per)..<min(count, (k + 1) * per) { item(i, sink) }
        }
        line.finished(k)
      }
    }
    if let failure = line.failure { throw failure }
  }

  /// Appends a finished part (see ``items(_:_:)``) and empties it.
  fileprivate func append(part: ReportSink) throws {
    // A part that would not fit hands on what is gathered first, so the buffer keeps its size
    // (grown, it held twice the block at the run's peak).
    if count + part.count > capacity { try drain() }
    part.moveBytes(to: self)
    try flushIfFull()
  }

  /// Items written together on one worker by ``items(_:_:)``: few enough that the parts in
  /// memory stay small (a team of `make bench`'s CSV report is about 1 KB, so 256 items grew
  /// each of four parts to 512 KiB), enough that handing them out costs little.
  static let itemsPerPart = 64

  /// Appends this part's bytes to `sink` and empties it (its memory is kept for the next part).
  private func moveBytes(to sink: ReportSink) {
    sink.append(UnsafeBufferPointer(start: storage, count: count))
    count = 0
  }

  /// The parts of one ``items(_:_:)`` call on their way from the workers to the sink: workers
  /// take parts in order, one at a time, part `k` written into part sink `k % sinks` once part
  /// `k - sinks` has been appended. A worker that finishes the next part to append appends it
  /// and every finished part after it, one worker at a time.
  private final class PartLine: @unchecked Sendable {
    private let parts: Int
    private let sinks: [ReportSink]
    private let target: ReportSink
    /// Per part sink: signalled when it may be written again.
    private let free: [DispatchSemaphore]
    /// Held from taking a part until its sink is free, so that only one worker ever waits for
    /// a sink: with two waiting for the same sink (parts `k` and `k + sinks`), either could
    /// get it first and the parts came out of order.
    private let claiming = DispatchSemaphore(value: 1)
    private var taken = 0
    private let halted = Atomic<Bool>(false)
    private struct Order {
      var next = 0
      var finished: [Bool]
      var appending = false
      var failure: Error?
    }
    private let order: Mutex<Order>

    init(parts: Int, sinks count: Int, into target: ReportSink) {
      self.parts = parts
      self.target = target
      sinks = (0..<count).map { _ in ReportSink(part: 1 << 16) }
      free = (0..<count).map { _ in DispatchSemaphore(value: 1) }
      order = Mutex(Order(finished: Array(repeating: false, count: count)))
    }

    /// The next part to write and its sink, once the sink is free; nil when all are taken.
    func next() -> (Int, ReportSink)? {
      claiming.wait()
      defer { claiming.signal() }
      let k = taken
      guard k < parts else { return nil }
      taken += 1
      free[k % sinks.count].wait()
      return (k, sinks[k % sinks.count])
    }

    /// Part `k` is written: appends it, and the finished parts after it, unless another
    /// worker is appending (which then appends it too) or it is not next.
    func finished(_ k: Int) {
      var next = order.withLock { order -> Int? in
        order.finished[k % sinks.count] = true
        guard !order.appending, order.finished[order.next % sinks.count] else { return nil }
        order.appending = true
        return order.next
      }
      while let k = next {
        let sink = sinks[k % sinks.count]
        var failed: Error? = nil
        if !stopped {
          do { try target.append(part: sink) } catch { failed = error }
        }
        sink.count = 0
        next = order.withLock { order -> Int? in
          if let failed, order.failure == nil {
            order.failure = failed
            halted.store(true, ordering: .relaxed)
          }
          order.finished[k % sinks.count] = false
          order.next += 1
          free[k % sinks.count].signal()
          guard order.next < parts, order.finished[order.next % sinks.count] else {
            order.appending = false
            return nil
          }
          return order.next
        }
      }
    }

    /// Whether a part failed to be handed on: the parts still to come are not written.
    var stopped: Bool { halted.load(ordering: .relaxed) }

    /// The first failure to hand on a part.
    var failure: Error? { order.withLock { $0.failure } }
  }

  /// Hands on a full block when there is one.
  public func flushIfFull() throws {
    if count >= blockSize { try drain() }
  }

  /// Hands on everything left (and, writing in background, waits until it is written).
  public func finish() throws {
    try drain()
    try background?.finish()
  }

  private func drain() throws {
    guard count > 0 else { return }
    let block = Array(UnsafeBufferPointer(start: storage, count: count))
    count = 0
    if let background { try background.write(block) } else { try flushBlock(block) }
  }

  /// Hands blocks to `flush` on a serial queue, one at a time and in order.
  private final class BackgroundWriter: @unchecked Sendable {
    private let flush: ([UInt8]) throws -> Void
    private let queue = DispatchQueue(label: "cultivar.report-writer")
    /// Taken while a block is being written.
    private let idle = DispatchSemaphore(value: 1)
    /// The first failure; written on the queue before `idle` is signalled, read after waiting.
    private var failure: Error?

    init(_ flush: @escaping ([UInt8]) throws -> Void) { self.flush = flush }

    func write(_ block: [UInt8]) throws {
      idle.wait()
      if let failure {
        idle.signal()
        throw failure
      }
      queue.async { [self] in
        do { try flush(block) } catch { failure = error }
        idle.signal()
      }
    }

    func waitForWrites() {
      idle.wait()
      idle.signal()
    }

    func finish() throws {
      waitForWrites()
      if let failure { throw failure }
    }
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
