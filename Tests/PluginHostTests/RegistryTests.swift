import LuaBridge
import Testing

@testable import PluginHost

/// The host registry (``HostAPI``, ``PluginContract``) is the one source of truth: the prelude,
/// the LuaLS definitions and the contract reader must all agree with it.
@Suite struct RegistryTests {
  @Test func definitionFileIsValidLua() throws {
    let sandbox = try LuaSandbox()
    try sandbox.compile(source: LuaDefinitions.file, chunkName: "types/cultivar.d.lua")
    #expect(LuaDefinitions.file.hasPrefix(LuaDefinitions.marker))
  }

  @Test func compileReportsSyntaxErrorsWithTheLine() throws {
    let sandbox = try LuaSandbox()
    #expect(throws: LuaError.self) { try sandbox.compile(source: "local x = \n\nreturn {", chunkName: "bad.lua") }
    do { try sandbox.compile(source: "local x = 1\nreturn {", chunkName: "bad.lua") } catch {
      #expect(error.kind == .syntax)
      #expect(error.message.hasPrefix("bad.lua:2:"), "\(error.message)")
    }
  }

  @Test func definitionFileDeclaresEveryFunctionWithItsParameters() {
    let lines = LuaDefinitions.file.split(separator: "\n").map(String.init)
    let declared = lines.filter { $0.hasPrefix("function cultivar.") }
    #expect(declared == HostAPI.functions.map { "function \($0.signature) end" })
    for function in HostAPI.functions {
      guard let at = lines.firstIndex(of: "function \(function.signature) end") else { continue }
      let block = lines[..<at].reversed().prefix { $0.hasPrefix("---") }
      for parameter in function.parameters {
        #expect(block.contains { $0.hasPrefix("---@param \(parameter.name) \(parameter.type) ") }, "\(function.name): \(parameter.name)")
      }
      #expect(block.filter { $0.hasPrefix("---@return ") }.count == function.returns.count, "\(function.name)")
    }
    for constant in HostAPI.constants {
      #expect(lines.contains("cultivar.\(constant.name) = \(constant.value)"))
    }
  }

  @Test func definitionFileDeclaresEveryShapeAndField() {
    let lines = Set(LuaDefinitions.file.split(separator: "\n").map(String.init))
    for shape in [PluginContract.plugin] + PluginContract.shapes {
      #expect(lines.contains("---@class \(shape.name)"))
      for field in shape.fields {
        #expect(lines.contains { $0.hasPrefix("---@field \(field.name)\(field.optional ? "?" : "") \(field.type) ") }, "\(shape.name).\(field.name)")
      }
    }
    // Every type a shape or hook names is declared.
    let classes = Set(([PluginContract.plugin] + PluginContract.shapes).map(\.name))
    let referenced = LuaDefinitions.file.matches(of: /cultivar\.[A-Z][A-Za-z]*/).map { String($0.output) }
    #expect(Set(referenced).isSubset(of: classes), "\(Set(referenced).subtracting(classes))")
  }

  @Test func preludeDefinesExactlyTheRegistry() throws {
    let sandbox = try LuaSandbox()
    try sandbox.runTrusted(source: HostAPI.prelude, chunkName: "prelude", sealGlobals: true)
    let names = try sandbox.load(source: "local t = {} for k in pairs(cultivar) do t[#t + 1] = k end table.sort(t) return t", chunkName: "probe")
    let found = sandbox.value(of: names).table?.sequence.compactMap(\.string) ?? []
    #expect(found == (HostAPI.functions.map(\.name) + HostAPI.constants.map(\.name)).sorted())
  }

  @Test func contractReaderKnowsExactlyTheRegistryFields() {
    #expect(ContractReader.knownFields == PluginContract.plugin.fields.map(\.name))
    #expect(ContractReader.requiredText == ["id", "name", "version", "description", "source"])
    #expect(PluginContract.hooks.map(\.name) == ["score", "index", "band", "classify"])
  }

  @Test func referenceListsEveryFunctionAndShape() {
    for function in HostAPI.functions {
      #expect(APIReference.hostAPI.contains("#### `\(function.signature)`"))
      #expect(APIReference.hostAPI.contains("| `\(function.signature)` | \(function.since) |"))
    }
    for shape in PluginContract.shapes { #expect(APIReference.pluginTable.contains("#### `\(shape.name)`")) }
  }
}
