import Foundation

/// Plain TCP connections to a local server, for what URLSession cannot do: connections that
/// send nothing (or half a request), and requests that are not valid HTTP.
enum RawSocket {
  /// Connects to 127.0.0.1:`port`; returns the descriptor, or nil.
  static func connect(port: Int) -> Int32? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard result == 0 else {
      close(fd)
      return nil
    }
    return fd
  }

  static func send(_ fd: Int32, _ text: String) {
    _ = text.utf8CString.withUnsafeBufferPointer { Foundation.send(fd, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
  }

  /// Reads until the peer closes or `timeout` seconds pass.
  static func receive(_ fd: Int32, timeout: Double = 5) -> String {
    var out = Data()
    let deadline = Date().addingTimeInterval(timeout)
    var buffer = [UInt8](repeating: 0, count: 4096)
    while Date() < deadline {
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, 100) > 0 else { continue }
      let count = recv(fd, &buffer, buffer.count, 0)
      if count <= 0 { break }
      out.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Sends `request` on a new connection and returns all the server answered.
  static func exchange(port: Int, _ request: String) -> String {
    guard let fd = connect(port: port) else { return "" }
    defer { close(fd) }
    send(fd, request)
    return receive(fd)
  }

  /// Raises this process's open-file limit to its hard limit (for many connections).
  static func raiseFileLimit() {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    limit.rlim_cur = limit.rlim_max
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
  }
}
