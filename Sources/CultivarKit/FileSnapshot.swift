import Foundation

/// The modification time, size and inode of a set of files at one moment: two snapshots
/// differ when a file was saved, replaced, created or deleted. Polling these is simple and
/// works on every file system (no inotify or FSEvents needed).
struct FileSnapshot: Equatable {
  struct Stamp: Equatable {
    var modified: Date?
    var size: Int?
    var inode: Int?
  }

  private(set) var stamps: [String: Stamp] = [:]

  /// Stamps `files` and every `.lua` file in `folders` (and in their sub-folders one level
  /// down, where folder plugins live).
  init(files: [String], folders: [String]) {
    for file in files + folders.flatMap(Self.luaFiles(in:)) { stamps[file] = Self.stamp(file) }
  }

  /// The files that differ from `other`, sorted.
  func changes(since other: FileSnapshot) -> [String] {
    Set(stamps.keys).union(other.stamps.keys).filter { stamps[$0] != other.stamps[$0] }.sorted()
  }

  static func stamp(_ path: String) -> Stamp {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return Stamp() }
    return Stamp(
      modified: attributes[.modificationDate] as? Date, size: (attributes[.size] as? NSNumber)?.intValue,
      inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue)
  }

  private static func luaFiles(in folder: String) -> [String] {
    let fm = FileManager.default
    var out: [String] = []
    for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
      let path = (folder as NSString).appendingPathComponent(name)
      if name.hasSuffix(".lua") {
        out.append(path)
      } else {
        for inner in (try? fm.contentsOfDirectory(atPath: path)) ?? [] where inner.hasSuffix(".lua") && !inner.hasPrefix(".") {
          out.append((path as NSString).appendingPathComponent(inner))
        }
      }
    }
    return out
  }
}
