import LuaBridge
import SurveyModel

extension Plugin {
  /// The themes of one comment: by the plugin's `classify(comment)` hook when it has one
  /// (checked: a list of declared theme ids), otherwise by the themes' keywords. Returns the
  /// indices (into ``Framework/themes``) of the comment's themes, each once, in theme order.
  /// - Throws: ``PluginError`` naming the plugin's file and line when the hook fails or returns
  ///   something else than theme ids.
  public func themes(of comment: String) throws(PluginError) -> [Int] {
    let themes = framework.themes
    guard framework.hooks.contains(.classify) else {
      let text = Theme.normalized(comment)
      return themes.indices.filter { themes[$0].matches(normalizedComment: text) }
    }
    prepareArguments { args in args.append(.string(comment)) }
    let result = try callHook("classify")
    guard !result.isNil else { return [] }
    guard let list = result.table, list.fields.isEmpty, list.otherKeys.isEmpty else {
      throw hookProblem(
        "classify",
        "must return a list of theme ids such as { \"\(themes.first?.id ?? "time")\" }, or nil (returned \(result.table == nil ? "a \(result.typeName)" : "a table with named fields"))"
      )
    }
    let ids = themes.map(\.id)
    var chosen = Set<Int>()
    for entry in list.sequence {
      guard let id = entry.string else {
        throw hookProblem("classify", "returned a \(entry.typeName) in its list: every entry must be a theme id (\(ids.joined(separator: ", ")))")
      }
      guard let index = ids.firstIndex(of: id) else {
        throw hookProblem(
          "classify",
          "returned unknown theme '\(Shortening.shortened(id, to: 40))'\(Suggestion.hint(for: id, in: ids)); declare it in 'themes' or return one of \(ids.joined(separator: ", "))"
        )
      }
      chosen.insert(index)
    }
    return chosen.sorted()
  }
}
