import PluginHost
import SurveyIO
import SurveyModel

/// The comment and multi-select items of a survey, in survey order, and what every command
/// does with them: scoring leaves their columns out, and no file it writes holds a comment.
struct UnscoredItems {
  /// Comment items (`type = "text"`) with their framework.
  let comments: [(item: Item, framework: Framework)]
  /// Multi-select items (`type = "multi"`) with their framework.
  let multis: [(item: Item, framework: Framework)]

  /// - Parameter language: the language of the items' texts (nil: the plugins' default).
  init(frameworks: [(plugin: Plugin, items: [String]?)], language: String? = nil) {
    var comments: [(Item, Framework)] = []
    var multis: [(Item, Framework)] = []
    for (plugin, subset) in frameworks {
      let framework = language.map(plugin.framework.localized) ?? plugin.framework
      for item in framework.unscoredItems where subset?.contains(item.id) ?? true {
        if item.kind == .text { comments.append((item, framework)) } else { multis.append((item, framework)) }
      }
    }
    self.comments = comments
    self.multis = multis
  }

  /// The response-file columns of a framework's unscored items (all, or those of `subset`).
  static func columns(of framework: Framework, subset: [String]?) -> [String] {
    framework.unscoredItems.filter { subset?.contains($0.id) ?? true }.map(\.id)
  }

  /// A row's cells with the cells of comment columns replaced, for a rejects file.
  static func withholdingComments(_ fields: [String], columns: [Int]) -> [String] {
    var fields = fields
    for column in columns where column < fields.count && !fields[column].allSatisfy(\.isWhitespace) {
      fields[column] = withheld
    }
    return fields
  }

  /// What a rejects file holds instead of a comment.
  static let withheld = "(comment withheld)"
}

extension SurveyDefinition {
  /// The survey with `columns` added to the columns that scoring leaves out.
  func ignoring(_ columns: [String]) -> SurveyDefinition {
    var copy = self
    copy.ignoredColumns += columns.filter { !copy.ignoredColumns.contains($0) }
    return copy
  }
}
