import Foundation

/// Writes whole files atomically: to a temporary file beside the target, then renamed over
/// it, so a reader never sees a half-written file.
public enum AtomicFile {
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
