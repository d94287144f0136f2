import PostgresNIO

/// Cuts what the server sends into runs of whole protocol messages (a type byte and a
/// 4-byte length that counts itself), each run at least ``minimumRun`` bytes unless the read
/// ended: what postgres-nio's decoder then receives never ends in a part of a message.
///
/// Why: postgres-nio's rows are slices of the buffer its decoder reads from, and the
/// decoder compacts that buffer every 2 KiB it has read (`discardReadBytes`). While earlier
/// rows still hold slices of it, each compaction copies all the unread bytes (copy on write)
/// and leaves the old copy to the rows: the more rows a read holds, the more is copied
/// (25.6% of the client's time in `memmove`, 258 MiB at 1,000,000 rows, docs/store.md). A run of
/// whole messages that passes 2 KiB only with its last message is read to its end, and a
/// buffer read to its end is compacted by moving two indices, without copying. Each run is
/// copied once into a buffer of its own (twice its length, so that the decoder's other rule,
/// compact a buffer read past half its capacity, never applies before the run's end): rows
/// then keep only their own run alive, never the TLS handler's receive buffer, which that
/// handler can then reuse instead of copying it at its next read (measured: 142-266 MiB at
/// 100,000 rows with slices of it, docs/store.md).
struct MessageRuns {
  /// A run ends with the first message that takes it to this length (NIO's default
  /// threshold for compacting a decoder's buffer).
  static let minimumRun = 2048
  /// The start of a message that the last read ended inside (its own bytes, copied).
  private var partial: ByteBuffer?

  /// Calls `deliver` with each run of whole messages in `buffer` (copies in buffers of their
  /// own), then keeps the start of a message that `buffer` ends inside for the next call.
  mutating func split(_ buffer: ByteBuffer, _ deliver: (ByteBuffer) -> Void) {
    var buffer = buffer
    if var started = partial {
      partial = nil
      // Complete the header first, then the body; both come from the front of `buffer`.
      if started.readableBytes < 5 {
        var head = buffer.readSlice(length: min(5 - started.readableBytes, buffer.readableBytes))!
        started.writeBuffer(&head)
      }
      if started.readableBytes >= 5 {
        let size = Self.size(at: started.readerIndex, of: started)
        var body = buffer.readSlice(length: min(size - started.readableBytes, buffer.readableBytes))!
        started.writeBuffer(&body)
        if started.readableBytes == size {
          deliver(started)
        } else {
          partial = started
          return
        }
      } else {
        partial = started
        return
      }
    }
    var runStart = buffer.readerIndex
    var offset = buffer.readerIndex
    while buffer.writerIndex - offset >= 5 {
      let size = Self.size(at: offset, of: buffer)
      guard buffer.writerIndex - offset >= size else { break }
      offset += size
      if offset - runStart >= Self.minimumRun {
        deliver(Self.own(buffer.getSlice(at: runStart, length: offset - runStart)!))
        runStart = offset
      }
    }
    if offset > runStart { deliver(Self.own(buffer.getSlice(at: runStart, length: offset - runStart)!)) }
    if offset < buffer.writerIndex {
      // Copied, so that the rest of the read's buffer is not kept alive by it.
      var rest = ByteBuffer()
      rest.reserveCapacity(max(buffer.writerIndex - offset, 5))
      var tail = buffer.getSlice(at: offset, length: buffer.writerIndex - offset)!
      rest.writeBuffer(&tail)
      partial = rest
    }
  }

  /// `run`'s bytes in a buffer of their own, of twice their length.
  private static func own(_ run: ByteBuffer) -> ByteBuffer {
    var run = run
    var copy = ByteBuffer()
    copy.reserveCapacity(2 * run.readableBytes)
    copy.writeBuffer(&run)
    return copy
  }

  /// The length of the message at `index` (type byte included); 5 for a length too small to
  /// be real, so that the decoder receives it and reports the broken message itself.
  private static func size(at index: Int, of buffer: ByteBuffer) -> Int {
    let length = buffer.getInteger(at: index + 1, as: UInt32.self)!
    return 1 + max(Int(length), 4)
  }
}

/// A handler that passes what the server sends on as ``MessageRuns``; put between the TLS
/// handler (or the socket) and postgres-nio's own once the connection is set up, when the
/// stream is between two messages (the server sends nothing after ReadyForQuery until it
/// is asked something).
final class MessageRunsHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer
  private var runs = MessageRuns()

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    runs.split(unwrapInboundIn(data)) { context.fireChannelRead(wrapInboundOut($0)) }
  }
}
