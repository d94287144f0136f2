import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes
import SurveyModel

/// The connections the server holds, and what they are doing: a bounded set in which a new
/// connection pushes out the one idle for the longest (no request in progress), so clients
/// that connect and send nothing cannot crowd out respondents.
final class ConnectionRegistry: @unchecked Sendable {
  private struct Entry {
    let channel: any Channel
    let order: Int
    var busy = false
  }

  private let lock = NSLock()
  private var entries: [ObjectIdentifier: Entry] = [:]
  private var counter = 0
  private let limit: Int
  private var shed = ShedCounts()

  /// Connections closed by the server since the last ``takeShedCounts()``.
  struct ShedCounts: Equatable {
    var evicted = 0
    var readTimeouts = 0
    var idleTimeouts = 0
    var requestTimeouts = 0
    var isEmpty: Bool { self == ShedCounts() }
  }

  init(limit: Int) { self.limit = limit }

  /// Records a new connection; closes the connection idle for the longest when there are
  /// more than the limit (the new one itself when every other one is busy).
  func opened(_ channel: any Channel) {
    let victim: (any Channel)? = lock.withLock {
      counter += 1
      let id = ObjectIdentifier(channel)
      entries[id] = Entry(channel: channel, order: counter)
      guard entries.count > limit else { return nil }
      let idle = entries.filter { !$0.value.busy && $0.key != id }.min { $0.value.order < $1.value.order }
      let chosen = idle?.key ?? id
      shed.evicted += 1
      return entries.removeValue(forKey: chosen)?.channel
    }
    victim?.close(promise: nil)
  }

  func closed(_ channel: any Channel) {
    lock.withLock { _ = entries.removeValue(forKey: ObjectIdentifier(channel)) }
  }

  /// Marks a connection as handling a request (`true`) or waiting for one.
  func setBusy(_ channel: any Channel, _ busy: Bool) {
    lock.withLock {
      let id = ObjectIdentifier(channel)
      guard var entry = entries[id] else { return }
      entry.busy = busy
      if !busy {
        counter += 1
        entry = Entry(channel: entry.channel, order: counter, busy: false)
      }
      entries[id] = entry
    }
  }

  func count(_ timeout: ConnectionGuard.Phase) {
    lock.withLock {
      switch timeout {
      case .awaitingFirstRequest: shed.readTimeouts += 1
      case .idle: shed.idleTimeouts += 1
      case .inRequest: shed.requestTimeouts += 1
      }
    }
  }

  /// The connections open now.
  var openCount: Int { lock.withLock { entries.count } }

  /// The counts of connections closed since the last call, reset.
  func takeShedCounts() -> ShedCounts {
    lock.withLock {
      defer { shed = ShedCounts() }
      return shed
    }
  }
}

/// Per connection: closes it when a client is too slow (no complete request head within the
/// read timeout, idle too long between requests, a request not answered within the request
/// timeout), and keeps the ``ConnectionRegistry`` informed.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  enum Phase { case awaitingFirstRequest, idle, inRequest }

  private let limits: ServerLimits
  private let registry: ConnectionRegistry
  private var phase = Phase.awaitingFirstRequest
  private var timer: Scheduled<Void>?

  init(limits: ServerLimits, registry: ConnectionRegistry) {
    self.limits = limits
    self.registry = registry
  }

  func handlerAdded(context: ChannelHandlerContext) {
    registry.opened(context.channel)
    arm(context, seconds: limits.readTimeout)
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    timer?.cancel()
    registry.closed(context.channel)
  }

  func channelInactive(context: ChannelHandlerContext) {
    timer?.cancel()
    registry.closed(context.channel)
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if case .head = unwrapInboundIn(data), phase != .inRequest {
      phase = .inRequest
      registry.setBusy(context.channel, true)
      arm(context, seconds: limits.requestTimeout)
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data), phase == .inRequest {
      phase = .idle
      registry.setBusy(context.channel, false)
      arm(context, seconds: limits.idleTimeout)
    }
    context.write(data, promise: promise)
  }

  private func arm(_ context: ChannelHandlerContext, seconds: Double) {
    timer?.cancel()
    let channel = context.channel
    let registry = self.registry
    let phase = self.phase
    timer = context.eventLoop.scheduleTask(in: .nanoseconds(Int64(seconds * 1_000_000_000))) {
      registry.count(phase)
      channel.close(promise: nil)
    }
  }
}

/// Adds the security headers to every response head the server writes, including the ones
/// Hummingbird writes itself (e.g. 400 for a request it cannot parse).
final class SecurityHeadersHandler: ChannelOutboundHandler, RemovableChannelHandler {
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    guard case .head(var head) = unwrapOutboundIn(data) else {
      context.write(data, promise: promise)
      return
    }
    for (name, value) in SecurityHeaders.all { head.headerFields[name] = value }
    context.write(wrapOutboundOut(.head(head)), promise: promise)
  }
}
