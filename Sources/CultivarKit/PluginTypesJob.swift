import Foundation
import PluginHost
import SurveyIO

/// `cultivar plugins types`: writes the LuaLS definition file (`types/cultivar.d.lua`) and a
/// `.luarc.json` that points the language server at it, so an editor completes and checks the
/// plugin table, hook arguments and `cultivar` functions.
public struct PluginTypesJob {
  /// The project folder: `.luarc.json` goes here, the definitions in its `types/`.
  public var directory: String
  /// Replace a `.luarc.json` that cultivar did not write.
  public var force: Bool

  public init(directory: String = ".", force: Bool = false) {
    self.directory = directory
    self.force = force
  }

  /// The definition file, relative to ``directory``.
  public static let definitionPath = "types/cultivar.d.lua"

  /// Writes both files.
  /// - Returns: one line per file (written, or already up to date).
  /// - Throws: ``AuthoringError`` when a file that cultivar did not write is in the way.
  public func run() throws -> String {
    let definitions = inDirectory(Self.definitionPath)
    let luarc = inDirectory(".luarc.json")
    var lines: [String] = []
    if let old = read(definitions), !old.hasPrefix(LuaDefinitions.marker) {
      throw AuthoringError("\(definitions) exists and was not written by cultivar", hint: "move it away, or use --out to write somewhere else")
    }
    lines.append(try write(LuaDefinitions.file, to: definitions, what: "LuaLS definitions of the plugin table and the cultivar module"))
    let config = LuaDefinitions.luarc(library: "types")
    if let old = read(luarc), old != config, !force {
      if old.contains("\"types\"") {
        lines.append("kept \(luarc) (it already lists \"types\" in workspace.library)")
      } else {
        throw AuthoringError(
          "\(luarc) exists and does not point at the definitions",
          hint: "add \"types\" to its \"workspace.library\" list, or run with --force to replace the file")
      }
    } else {
      lines.append(try write(config, to: luarc, what: "tells the Lua language server to use them"))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `name` inside ``directory`` ("types/x" rather than "./types/x").
  private func inDirectory(_ name: String) -> String {
    directory == "." || directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
  }

  private func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  private func write(_ text: String, to path: String, what: String) throws -> String {
    if read(path) == text { return "up to date: \(path)" }
    do {
      let folder = (path as NSString).deletingLastPathComponent
      if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
      try AtomicFile.write(text, to: path)
    } catch {
      throw AuthoringError("cannot write \(path)", hint: "check that the folder exists and is writable", status: .cannotCreate)
    }
    return "wrote \(path): \(what)"
  }
}
