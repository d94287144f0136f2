import Glibc
import SurveyModel

/// A file read with `read(2)` in 64 KiB blocks onto the end of the caller's buffer.
///
/// Written by hand because Foundation's `FileHandle.readData(ofLength:)` stops the process
/// when a read fails (a directory given as a CSV file did), and reads 4 KiB per system call
/// (24,204 calls for the 1M-row benchmark file, against 1,541 now).
public final class InputFile {
  /// Why a file cannot be read: its path and the reason in words (`it is a directory`).
  public struct Failure: Diagnostic, Equatable, Sendable {
    public let path: String
    public let reason: String

    public var exitStatus: ExitStatus { .noInput }
    public var description: String {
      DiagnosticText.render(place: path, message: "cannot read the file: \(reason)", hint: "check the path")
    }

    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }

    init(path: String, code: Int32) {
      self.path = path
      switch code {
      case EISDIR: reason = "it is a directory"
      case ENOENT: reason = "there is no such file"
      case EACCES, EPERM: reason = "permission denied"
      default: reason = String(cString: strerror(code))
      }
    }
  }

  public let path: String
  /// Whether it is a file on disk (not a pipe or a device): only such a file can be read out
  /// of order, as a workbook's zip archive is.
  public let isRegularFile: Bool
  private let descriptor: Int32
  /// What `read(2)` reads into, then copied onto the caller's buffer: small enough to stay in
  /// the core's cache, and no zero-filling of the caller's buffer (Swift arrays cannot grow
  /// uninitialised).
  private let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 64 << 10)

  /// Opens `path` for reading: a file or a pipe. A directory or a device (`/dev/zero` never
  /// ends) is refused here, not at the first read.
  public init(path: String) throws(Failure) {
    self.path = path
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw Failure(path: path, code: errno) }
    var status = stat()
    let type = fstat(descriptor, &status) == 0 ? status.st_mode & S_IFMT : 0
    if type == S_IFDIR || type == S_IFCHR || type == S_IFBLK {
      close(descriptor)
      throw type == S_IFDIR ? Failure(path: path, code: EISDIR) : Failure(path: path, reason: "it is a device, not a file")
    }
    isRegularFile = type == S_IFREG
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
    scratch.deallocate()
  }

  /// Reads up to `count` bytes onto the end of `buffer`: until `count`, the end of the file,
  /// or a pipe that has no more for now.
  /// - Returns: how many bytes were read; 0 at the end of the file.
  @discardableResult
  public func read(upTo count: Int, appendingTo buffer: inout [UInt8]) throws(Failure) -> Int {
    var total = 0
    while total < count {
      let want = min(count - total, scratch.count)
      let got = Glibc.read(descriptor, scratch.baseAddress, want)
      if got < 0 {
        if errno == EINTR { continue }
        throw Failure(path: path, code: errno)
      }
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<got]))
      total += got
      if got < want { break }
    }
    return total
  }

  /// The first `count` bytes of the file at `path` (fewer if it is shorter), or nil when it
  /// cannot be read or is not a file on disk (a pipe's bytes would be gone for the real
  /// read): for recognising a format by its first bytes.
  public static func head(of path: String, count: Int) -> [UInt8]? {
    guard let file = try? InputFile(path: path), file.isRegularFile else { return nil }
    // A file on disk reads short only at its end, so one call gives the whole head.
    var bytes: [UInt8] = []
    _ = try? file.read(upTo: count, appendingTo: &bytes)
    return bytes
  }
}

extension InputError {
  /// A file that cannot be opened or read: `cannot read the WHAT`, with the reason when the
  /// cause is an ``InputFile/Failure`` (`cannot read the response file (it is a directory)`).
  public static func unreadable(_ file: String, _ what: String, hint: String, cause: any Error) -> InputError {
    let reason = (cause as? InputFile.Failure).map { " (\($0.reason))" } ?? ""
    return InputError(kind: .file, file: file, message: "cannot read the \(what)\(reason)", hint: hint)
  }
}
