import Foundation

/// Writes whole files atomically: to a temporary file beside the target, then renamed over
/// it, so a reader never sees a half-written file. A target that is not a regular file (a
/// device such as /dev/null or /dev/stdout, a named pipe) is written to directly: renaming over
/// it would replace the device with a plain file.
public enum AtomicFile {
  /// Writes a file whose content `body` produces through `write` (block by block).
  /// - Throws: ``InputError`` of kind `.file` when the file cannot be written, or what
  ///   `body` throws; the target is then left as it was.
  public static func stream(to path: String, _ body: (_ write: @escaping ([UInt8]) throws -> Void) throws -> Void) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    let failure = InputError(
      kind: .output, file: path, message: "cannot write the file", hint: "check that the folder \(directory.path) exists and is writable")
    if isSpecial(path) {
      guard let handle = FileHandle(forWritingAtPath: path) else { throw failure }
      defer { try? handle.close() }
      try body { bytes in try handle.write(contentsOf: bytes) }
      return
    }
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil), let handle = FileHandle(forWritingAtPath: temporary.path) else {
      throw failure
    }
    do {
      try body { bytes in try handle.write(contentsOf: bytes) }
      try handle.close()
      guard rename(temporary.path, url.path) == 0 else { throw failure }
    } catch {
      try? handle.close()
      try? FileManager.default.removeItem(at: temporary)
      throw error is InputError ? error : failure
    }
  }

  /// Writes `text` to `path`.
  /// - Throws: ``InputError`` of kind `.file` when the file cannot be written.
  public static func write(_ text: String, to path: String) throws {
    try stream(to: path) { write in try write(Array(text.utf8)) }
  }

  /// Whether `path` exists and is something other than a regular file.
  private static func isSpecial(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG
  }
}
