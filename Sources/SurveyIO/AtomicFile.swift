import Foundation

/// Writes whole files atomically: to a temporary file beside the target, then renamed over
/// it, so a reader never sees a half-written file. A target that is not a regular file (a
/// device such as /dev/null or /dev/stdout, a named pipe) is written to directly: renaming over
/// it would replace the device with a plain file.
public enum AtomicFile {
  /// Writes a file whose content `body` produces through `write` (block by block).
  /// - Throws: ``InputError`` of kind `.output` naming the system's reason (a full disk, a
  ///   missing folder, no permission) when the file cannot be written, or what `body` throws;
  ///   the target is then left as it was.
  public static func stream(to path: String, _ body: (_ write: @escaping ([UInt8]) throws -> Void) throws -> Void) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    if isSpecial(path) {
      let file = try Descriptor(opening: path, flags: O_WRONLY, directory: directory)
      defer { file.close() }
      try body { bytes in try file.write(bytes) }
      return
    }
    let temporary = directory + "/.\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp"
    let file = try Descriptor(opening: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC, directory: directory, reported: path)
    do {
      try body { bytes in try file.write(bytes) }
      try file.finish()
      guard rename(temporary, path) == 0 else { throw file.failure(errno) }
    } catch {
      file.close()
      unlink(temporary)
      throw error
    }
  }

  /// Writes `text` to `path`.
  /// - Throws: ``InputError`` of kind `.output` when the file cannot be written.
  public static func write(_ text: String, to path: String) throws {
    try stream(to: path) { write in try write(Array(text.utf8)) }
  }

  /// Whether `path` exists and is something other than a regular file.
  private static func isSpecial(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG
  }
}

/// An open file descriptor whose failures become ``InputError``s naming the target file and
/// the system's reason (`strerror`), not a Foundation error.
private final class Descriptor: @unchecked Sendable {
  private var fd: Int32
  private let reported: String
  private let directory: String

  init(opening path: String, flags: Int32, directory: String, reported: String? = nil) throws {
    self.reported = reported ?? path
    self.directory = directory
    fd = open(path, flags | O_CLOEXEC, 0o644)
    if fd < 0 { throw failure(errno) }
  }

  deinit { close() }

  /// Writes every byte, retrying short and interrupted writes.
  func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw failure(errno)
        }
        offset += written
      }
    }
  }

  /// Closes the file, reporting a failure (some file systems report a full disk only here).
  func finish() throws {
    let result = Glibc.close(fd)
    fd = -1
    if result != 0 { throw failure(errno) }
  }

  func close() {
    if fd >= 0 { _ = Glibc.close(fd) }
    fd = -1
  }

  func failure(_ code: Int32) -> InputError {
    let reason = String(cString: strerror(code))
    let hint =
      switch code {
      case ENOSPC, EDQUOT: "free some space on the disk, or write the file somewhere else"
      case EACCES, EPERM, EROFS: "check that the folder \(directory) is writable, or write the file somewhere else"
      default: "check that the folder \(directory) exists and is writable"
      }
    return InputError(kind: .output, file: reported, message: "cannot write the file: \(reason)", hint: hint)
  }
}
