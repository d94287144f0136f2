import Foundation

/// Writes a folder of files as a whole: into a temporary folder beside the target, then renamed
/// into place, so a reader never sees a half-written folder (a failure leaves the target as it
/// was). An existing target is replaced only when it is an earlier folder of the same kind
/// (it holds `marker`), never a folder of someone else's files.
public enum AtomicDirectory {
  /// Writes `files` (name → content; plain names, no folders) as the folder `path`, one file
  /// at a time as the sequence gives them.
  /// - Parameter marker: a file every folder of this kind holds (e.g. `index.html`) whose
  ///   content contains `signature`; an existing non-empty `path` without it is refused.
  /// - Throws: ``InputError`` of kind `.output` naming the folder and how to fix it.
  public static func write(
    _ files: some Sequence<(name: String, content: String)>, to path: String, marker: String, signature: String
  ) throws {
    let manager = FileManager.default
    let target = URL(fileURLWithPath: path).standardizedFileURL
    let parent = target.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
    if exists {
      guard isDirectory.boolValue else {
        throw InputError(kind: .output, file: path, message: "is a file, not a folder", hint: "give --per-unit a new folder name")
      }
      let contents = (try? manager.contentsOfDirectory(atPath: target.path)) ?? []
      let earlier = (try? String(contentsOfFile: target.appendingPathComponent(marker).path, encoding: .utf8))?.contains(signature) ?? false
      guard contents.isEmpty || earlier else {
        throw InputError(
          kind: .output, file: path, message: "the folder exists and holds other files (it is not an earlier report pack)",
          hint: "give --per-unit a new or empty folder; an earlier pack is replaced as a whole")
      }
    }
    let pid = ProcessInfo.processInfo.processIdentifier
    let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).\(pid).tmp")
    let failure = InputError(
      kind: .output, file: path, message: "cannot write the folder", hint: "check that the folder \(parent.path) exists and is writable")
    try? manager.removeItem(at: temporary)
    do {
      try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
      for file in files {
        guard !file.name.contains("/"), !file.name.hasPrefix(".") else { throw failure }
        guard manager.createFile(atPath: temporary.appendingPathComponent(file.name).path, contents: Data(file.content.utf8)) else { throw failure }
      }
      if exists {
        // Swap: the old folder moves aside, the new one takes its name, the old one goes.
        let old = parent.appendingPathComponent(".\(target.lastPathComponent).\(pid).old")
        try? manager.removeItem(at: old)
        guard rename(target.path, old.path) == 0 else { throw failure }
        guard rename(temporary.path, target.path) == 0 else {
          _ = rename(old.path, target.path)
          throw failure
        }
        try? manager.removeItem(at: old)
      } else {
        guard rename(temporary.path, target.path) == 0 else { throw failure }
      }
    } catch {
      try? manager.removeItem(at: temporary)
      throw error is InputError ? error : failure
    }
  }
}
