import Foundation

/// Writes whole files atomically: to a temporary file beside the target, then renamed over
/// it, so a reader never sees a half-written file.
public enum AtomicFile {
  /// Writes a file whose content `body` produces through `write` (block by block).
  /// - Throws: ``InputError`` of kind `.file` when the file cannot be written, or what
  ///   `body` throws; the target is then left as it was.
  public static func stream(to path: String, _ body: (_ write: @escaping ([UInt8]) throws -> Void) throws -> Void) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    let failure = InputError(kind: .file, file: path, message: "cannot write the file", hint: "check that the folder \(directory.path) exists and is writable")
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
  /// - Throws: ``InputError`` of kind `.file` when the directory cannot be written.
  public static func write(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try Data(text.utf8).write(to: temporary)
      if rename(temporary.path, url.path) != 0 {
        throw CocoaError(.fileWriteUnknown)
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw InputError(kind: .file, file: path, message: "cannot write the file", hint: "check that the folder \(directory.path) exists and is writable")
    }
  }
}
