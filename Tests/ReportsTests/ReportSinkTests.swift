import SurveyModel
import Testing

@testable import Reports

/// The report sink's byte writers against the `String`-making code they stand in for: numbers
/// (`Double.description` and the integer's decimal text), CSV fields (``CSVText`` after
/// ``SafeText/spreadsheetCell(_:)``) and JSON strings (``JSON/quote(_:)``), on generated values
/// and text built to hit every escape and every formula-start rule; and blocks handed on whole,
/// in order, whatever the block size.
@Suite struct ReportSinkTests {
  @Test func numbersAreTheShortestTextThatReadsBack() {
    var random = Seeded(17)
    let edges: [Double] = [
      0, -0.0, 1, -1, 0.1, 1.0 / 3, 2.0 / 3, 62.5, 1e15, 1e15 - 1, -1e15, 999_999_999_999_999.9, 1e16, 1e21, 1e-7, 5e-324,
      .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 123_456_789_012_345_678, 0.000_1, 100.0 / 7,
    ]
    var values = edges
    for _ in 0..<50_000 {
      let bits = random.next()
      values.append(Double(bitPattern: bits))
      values.append(Double(bits % 1_000_000) / Double(1 + bits % 997))
      values.append(Double(Int64(bitPattern: bits) >> Int64(bits % 60)))
    }
    for x in values where x.isFinite {
      let expected = x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : x.description
      let written = ReportSink.text { $0.exact(x) }
      #expect(written == expected, "\(x)")
      #expect(written.isEmpty || Double(written) == x, "\(x) reads back")
    }
    for x in [Double.nan, .infinity, -.infinity] { #expect(ReportSink.text { $0.exact(x) } == "") }
    #expect(ReportSink.text { $0.exact(nil) } == "")
  }

  @Test func wholeNumbersHaveEveryDigit() {
    var random = Seeded(18)
    var values: [Int64] = [0, 1, -1, 9, 10, 99, 100, Int64.max, Int64.min, Int64.min + 1, 999_999_999_999_999_999, 1_000_000_000_000_000_000]
    for _ in 0..<20_000 {
      let v = Int64(bitPattern: random.next())
      values += [v, v >> Int64(random.next() % 63)]
    }
    for v in values { #expect(ReportSink.text { $0.integer(v) } == String(v)) }
  }

  @Test func csvFieldsAreQuotedAndFormulaSafeAsBefore() {
    for text in Self.texts() {
      #expect(ReportSink.text { $0.csvField(text) } == CSVText.field(SafeText.spreadsheetCell(text)), "\(text.debugDescription)")
    }
  }

  @Test func jsonStringsAreEscapedAsBefore() {
    for text in Self.texts() {
      #expect(ReportSink.text { JSON.quote(text, into: $0) } == JSON.quote(text), "\(text.debugDescription)")
    }
  }

  @Test func blocksComeWholeAndInOrder() throws {
    var random = Seeded(19)
    for blockSize in [1, 7, 64, 4096] {
      var blocks: [[UInt8]] = []
      let sink = ReportSink(blockSize: blockSize) { blocks.append($0) }
      var expected: [UInt8] = []
      for round in 0..<2_000 {
        switch random.next() % 4 {
        case 0:
          let text = String(repeating: "é,", count: Int(random.next() % 3_000))  // longer than a block
          sink.write(text)
          expected += Array(text.utf8)
        case 1:
          sink.byte(0x41)
          expected.append(0x41)
        case 2:
          sink.integer(Int64(round))
          expected += Array(String(round).utf8)
        default:
          sink.ascii("null")
          expected += Array("null".utf8)
        }
        let before = blocks.count
        try sink.flushIfFull()
        if blocks.count > before { #expect(blocks.last!.count >= blockSize) }
      }
      try sink.finish()
      #expect(blocks.flatMap { $0 } == expected, "block size \(blockSize)")
    }
  }

  @Test func blocksWrittenInBackgroundComeWholeAndInOrder() throws {
    let collected = Collected()
    let sink = ReportSink(blockSize: 16, writesInBackground: true) { block in
      collected.bytes += block
      collected.blocks += 1
    }
    var expected: [UInt8] = []
    for n in 0..<5_000 {
      sink.integer(Int64(n))
      sink.byte(0x0A)
      expected += Array("\(n)\n".utf8)
      try sink.flushIfFull()
    }
    try sink.finish()
    #expect(collected.bytes == expected)
    #expect(collected.blocks > 1_000)
  }

  @Test func aFailedBackgroundWriteIsThrownAndNothingMoreIsWritten() {
    struct DiskFull: Error {}
    let collected = Collected()
    let sink = ReportSink(blockSize: 4, writesInBackground: true) { _ in
      collected.blocks += 1
      throw DiskFull()
    }
    var thrown = false
    for _ in 0..<100 where !thrown {
      sink.ascii("abcdef")
      do { try sink.flushIfFull() } catch { thrown = error is DiskFull }
    }
    #expect(thrown)
    #expect(throws: DiskFull.self) { try sink.finish() }
    #expect(collected.blocks == 1)
  }

  /// Items written on several workers come out as the bytes of writing them one by one: every
  /// count around the part size, any number of workers, small and large blocks, in the
  /// background or not.
  @Test func itemsOnSeveralWorkersAreTheBytesOfWritingThemOneByOne() throws {
    let per = ReportSink.itemsPerPart
    let counts = [0, 1, per - 1, per, 2 * per - 1, 2 * per, 2 * per + 1, 9 * per + 17, 40 * per + 3]
    let item: @Sendable (Int, ReportSink) -> Void = { i, sink in
      var random = Seeded(UInt64(i) + 1)
      if i > 0 { sink.byte(0x2C) }
      sink.integer(Int64(i))
      sink.write(String(repeating: "é", count: Int(random.next() % 90)))
      sink.exact(Double(random.next() % 10_000) / 7)
    }
    for count in counts {
      var expected: [UInt8] = []
      let serial = ReportSink { expected += $0 }
      try serial.items(count, item)
      try serial.finish()
      for workers in [2, 3, 8] {
        for (blockSize, background) in [(7, false), (4096, true), (1 << 20, false)] {
          let collected = Collected()
          let sink = ReportSink(blockSize: blockSize, writesInBackground: background, workers: workers) { collected.bytes += $0 }
          sink.ascii("[")
          try sink.items(count, item)
          sink.ascii("]")
          try sink.finish()
          let same = collected.bytes == Array("[".utf8) + expected + Array("]".utf8)
          #expect(same, "\(count) items, \(workers) workers, block \(blockSize)")
        }
      }
    }
  }

  /// Parts written on workers are handed on whole, but never grow the sink past a block and
  /// its slack: a part that would not fit hands on what was gathered first.
  @Test func partsFromWorkersKeepBlocksAtTheirSize() throws {
    let blockSize = 16384
    let collected = Collected()
    let sink = ReportSink(blockSize: blockSize, workers: 2) {
      collected.sizes.append($0.count)
      collected.bytes += $0
    }
    // Items sized so that a part (``ReportSink/itemsPerPart`` items) is about 45 % of a block:
    // two parts stay below a block and a third would overflow the block and its slack.
    let shortest = blockSize * 45 / 100 / ReportSink.itemsPerPart - 15
    let text: @Sendable (Int) -> String = { i in String(repeating: "x", count: shortest + i % 30) + "\n" }
    let item: @Sendable (Int, ReportSink) -> Void = { i, sink in sink.write(text(i)) }
    let count = 30 * ReportSink.itemsPerPart
    try sink.items(count, item)
    try sink.finish()
    var expected: [UInt8] = []
    for i in 0..<count { expected += Array(text(i).utf8) }
    #expect(collected.bytes == expected)
    #expect(collected.sizes.count > 10)
    #expect(collected.sizes.allSatisfy { $0 <= blockSize + ReportSink.slack }, "\(collected.sizes.max() ?? 0)")
  }

  @Test func aFailedWriteStopsItemsOnSeveralWorkers() {
    struct DiskFull: Error {}
    let collected = Collected()
    let sink = ReportSink(blockSize: 64, writesInBackground: true, workers: 2) { _ in
      collected.blocks += 1
      throw DiskFull()
    }
    #expect(throws: DiskFull.self) {
      try sink.items(50 * ReportSink.itemsPerPart) { i, part in part.integer(Int64(i)) }
      try sink.finish()
    }
    #expect(collected.blocks == 1)
  }

  /// Parts that take very different times (so that later parts finish before earlier ones,
  /// and workers wait for free part sinks) still come out in order, on any number of workers.
  @Test func partsFinishedOutOfOrderAreAppendedInOrder() throws {
    let count = 150 * ReportSink.itemsPerPart + 5
    let item: @Sendable (Int, ReportSink) -> Void = { i, sink in
      var random = Seeded(UInt64(i) * 7 + 3)
      // Some parts spin for a while: their neighbours finish first.
      if (i / ReportSink.itemsPerPart) % 5 == 2 {
        var spin = random.next() % 20_000
        while spin > 0 { spin = spin &- 1 &+ UInt64(i & 0) }
      }
      sink.integer(Int64(i))
      sink.byte(0x0A)
    }
    var expected: [UInt8] = []
    for i in 0..<count { expected += Array("\(i)\n".utf8) }
    for workers in [2, 3, 5] {
      for background in [false, true] {
        let collected = Collected()
        let sink = ReportSink(blockSize: 512, writesInBackground: background, workers: workers) { collected.bytes += $0 }
        try sink.items(count, item)
        try sink.finish()
        #expect(collected.bytes == expected, "\(workers) workers, background \(background)")
      }
    }
  }

  /// Many cheap parts and a slow background writer, so that workers often wait for a free part
  /// sink: a worker woken for its sink must not lose it to a worker holding a later part. (A
  /// first version let two workers wait for the same sink; this test failed 4 runs out of 4,
  /// and a 1M-row report came out with parts swapped about one run in six.)
  @Test func manyWorkersOnFewCoresKeepPartsInOrder() throws {
    let count = 2000 * ReportSink.itemsPerPart
    let item: @Sendable (Int, ReportSink) -> Void = { i, sink in
      sink.integer(Int64(i))
      sink.byte(0x0A)
    }
    var expected: [UInt8] = []
    for i in 0..<count { expected += Array("\(i)\n".utf8) }
    for round in 0..<12 {
      let workers = [2, 3, 8, 16][round % 4]
      let collected = Collected()
      // A background writer that takes a while: workers often wait for free part sinks.
      let sink = ReportSink(blockSize: 4096, writesInBackground: round % 3 != 2, workers: workers) { block in
        var spin = UInt64(block.count)
        for byte in block { spin = spin &* 31 &+ UInt64(byte) }
        collected.blocks += Int(spin & 1)
        collected.bytes += block
      }
      try sink.items(count, item)
      try sink.finish()
      #expect(collected.bytes == expected, "round \(round), \(workers) workers")
      if collected.bytes != expected { break }
    }
  }

  /// Appends of every short length (copied word by word) and of longer ones give the bytes.
  @Test func appendsOfEveryLengthKeepTheirBytes() throws {
    var expected: [UInt8] = []
    let collected = Collected()
    let sink = ReportSink(blockSize: 100) { collected.bytes += $0 }
    for length in 0...70 {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ length) }
      expected += bytes
      bytes.withUnsafeBufferPointer { sink.append($0) }
      try sink.flushIfFull()
    }
    try sink.finish()
    #expect(collected.bytes == expected)
  }

  /// Text that starts or holds whatever CSV, spreadsheets and JSON treat specially.
  static func texts() -> [String] {
    let pieces = [
      "a", "Ops", "=", "+", "-", "@", "\t", "\r", "\n", "\r\n", ",", "\"", "\\", "\u{1}", "\u{7F}", "é", "e\u{301}", "＝", "—", " ", "🙂",
      "'", "\u{FEFF}", "x,y",
    ]
    var random = Seeded(20)
    var texts = [""] + pieces
    for _ in 0..<5_000 {
      texts.append((0..<(1 + random.next() % 5)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined())
    }
    return texts
  }
}

/// What a background writer received (read after `finish`, which waits for it).
private final class Collected: @unchecked Sendable {
  var bytes: [UInt8] = []
  var blocks = 0
  var sizes: [Int] = []
}

/// SplitMix64 (as Statistics' `SplitMix64`, which this test target does not link).
private struct Seeded {
  var state: UInt64
  init(_ seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
