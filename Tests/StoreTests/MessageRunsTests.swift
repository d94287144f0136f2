import PostgresNIO
import Testing

@testable import StorePostgres

/// What the reading connection hands postgres-nio (``MessageRuns``): the bytes the server
/// sent, unchanged and in order, cut only between whole messages, and in runs that pass
/// 2 KiB only with their last message, however the reads cut the stream.
@Suite struct MessageRunsTests {
  /// A stream of protocol messages of the given body lengths (type byte, 4-byte length,
  /// body), the bodies numbered so that a lost or moved byte shows.
  static func stream(_ bodies: [Int]) -> (bytes: [UInt8], ends: Set<Int>) {
    var bytes: [UInt8] = []
    var ends: Set<Int> = []
    for (n, body) in bodies.enumerated() {
      bytes.append(UInt8(ascii: "D"))
      let length = UInt32(body + 4)
      bytes += [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)]
      bytes += (0..<body).map { UInt8(truncatingIfNeeded: n &+ $0) }
      ends.insert(bytes.count)
    }
    return (bytes, ends)
  }

  /// Cuts `bytes` at `cuts` into reads, runs them through ``MessageRuns`` and checks what came out.
  static func check(_ stream: (bytes: [UInt8], ends: Set<Int>), cuts: [Int]) {
    var runs = MessageRuns()
    var out: [UInt8] = []
    var start = 0
    for end in cuts.sorted() + [stream.bytes.count] where end >= start {
      runs.split(ByteBuffer(bytes: stream.bytes[start..<end])) { run in
        var run = run
        let first = out.count
        out += run.readBytes(length: run.readableBytes)!
        #expect(stream.ends.contains(out.count), "a run ends inside a message (at byte \(out.count))")
        // Every message of a run but its last starts before 2 KiB into the run.
        let lastStart = stream.ends.filter { $0 > first && $0 < out.count }.max() ?? first
        #expect(lastStart - first < MessageRuns.minimumRun, "a run passes 2 KiB before its last message")
      }
      start = end
    }
    #expect(out == stream.bytes, "the bytes changed")
  }

  @Test func messagesOfEverySizeComeOutWholeWhereverTheReadsEnd() {
    var seed: UInt64 = 16
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(seed >> 33) % bound
    }
    for trial in 0..<70 {
      // Rows of a few hundred bytes, empty messages (ParseComplete), and a few larger than a read.
      let bodies = (0..<(1 + next(120))).map { _ in [0, 3, next(600), next(600), next(600), next(5000), next(20) == 0 ? 70_000 : 450][next(7)] }
      let stream = Self.stream(bodies)
      let reads = [3, 5, 6, 700, 2048, 16_384, 65_536][trial % 7]
      let cuts = (0..<min(stream.bytes.count / reads + next(4), 4000)).map { _ in next(stream.bytes.count + 1) }
      Self.check(stream, cuts: cuts)
    }
  }

  @Test func readsOfOneByteAndOfWholeStreamsAgree() {
    let stream = Self.stream([0, 1, 4, 2043, 2044, 2045, 2048, 9000, 0, 0, 17])
    Self.check(stream, cuts: Array(0...stream.bytes.count))
    Self.check(stream, cuts: [])
  }
}
