import Foundation

/// Where plugins are looked for, and which files in a folder are plugins.
///
/// Folders, in precedence order: each `--plugins DIR`, then each entry of
/// `CULTIVAR_PLUGIN_PATH` (colon-separated), then `plugins/` beside the survey file, then
/// `plugins/` in the working directory. In a folder, a plugin is `NAME.lua`, or
/// `NAME/NAME.lua` or `NAME/init.lua` for a plugin that has a folder of its own.
public enum PluginLocator {
  /// The folders to search, existing ones only, without repeats.
  public static func directories(
    explicit: [String], environment: String?, surveyFile: String?, workingDirectory: String
  ) -> [String] {
    var candidates = explicit
    candidates += (environment ?? "").split(separator: ":").map(String.init)
    if let surveyFile {
      let surveyDirectory = URL(fileURLWithPath: surveyFile).deletingLastPathComponent()
      candidates.append(surveyDirectory.appendingPathComponent("plugins").path)
      candidates.append(surveyDirectory.deletingLastPathComponent().appendingPathComponent("plugins").path)
    }
    candidates.append(URL(fileURLWithPath: workingDirectory).appendingPathComponent("plugins").path)
    var seen = Set<String>()
    return candidates.filter { path in
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
      return seen.insert(URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path).inserted
    }
  }

  /// The plugin files in one folder, sorted by name.
  public static func pluginFiles(in directory: String) -> [String] {
    let fm = FileManager.default
    let base = URL(fileURLWithPath: directory)
    guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return [] }
    var files: [String] = []
    for name in names.sorted() where !name.hasPrefix(".") {
      let url = base.appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
      if !isDirectory.boolValue {
        if name.hasSuffix(".lua") { files.append(url.path) }
        continue
      }
      for candidate in ["\(name).lua", "init.lua"] {
        let file = url.appendingPathComponent(candidate)
        if fm.fileExists(atPath: file.path) {
          files.append(file.path)
          break
        }
      }
    }
    return files
  }

  /// The name a plugin file goes by: `NAME` for `NAME.lua`, `NAME/NAME.lua` and `NAME/init.lua`.
  public static func pluginName(_ path: String) -> String {
    let url = URL(fileURLWithPath: path)
    let stem = url.deletingPathExtension().lastPathComponent
    return stem == "init" ? url.deletingLastPathComponent().lastPathComponent : stem
  }

  /// `path` relative to the working directory when it lies inside it.
  public static func displayPath(_ path: String, workingDirectory: String) -> String {
    let full = URL(fileURLWithPath: path).standardizedFileURL.path
    let base = URL(fileURLWithPath: workingDirectory).standardizedFileURL.path
    let prefix = base.hasSuffix("/") ? base : base + "/"
    return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
  }
}
