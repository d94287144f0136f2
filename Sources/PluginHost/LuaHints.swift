import Foundation
import SurveyModel

/// Plain-words hints for the Lua mistakes plugin authors make most, keyed by a fragment of
/// Lua's own message. The first matching rule gives the hint.
enum LuaHints {
  private static let nilValue =
    "a value used here is nil: often an unanswered item (nil in 'answers'), a misspelt field, or a dimension without a score; check it first with 'if x ~= nil then ... end'"

  private static let sandboxed =
    "plugins run in a sandbox with no files, operating system or modules: 'io', 'os', 'debug', 'package', 'require', 'dofile', 'loadfile' and 'coroutine' are not available"

  private static let yesOrNo = "Lua's booleans are 'true' and 'false' (lower case, no quotes)"

  private static let rules: [(fragment: String, hint: String)] = [
    ("unknown name 'io'", sandboxed), ("unknown name 'os'", sandboxed), ("unknown name 'debug'", sandboxed),
    ("unknown name 'package'", sandboxed), ("unknown name 'require'", sandboxed), ("unknown name 'dofile'", sandboxed),
    ("unknown name 'loadfile'", sandboxed), ("unknown name 'coroutine'", sandboxed),
    ("unknown name 'yes'", yesOrNo), ("unknown name 'no'", yesOrNo), ("unknown name 'True'", yesOrNo), ("unknown name 'False'", yesOrNo),
    ("unknown name 'on'", yesOrNo), ("unknown name 'off'", yesOrNo), ("unknown name 'null'", "Lua writes nothing as 'nil'"),
    (
      "unknown name '",
      "a name must be defined before it is used: a 'local' above this line, a parameter of the function, or a built-in such as 'cultivar', 'math', 'string', 'table', 'pairs'; check the spelling"
    ),
    (
      " has no field '",
      "a hook argument has only the fields the contract documents (cultivar.Respondent, cultivar.Team, cultivar.TeamDimension in docs/plugins.md) and your own item and dimension ids; a documented field that is absent reads as nil"
    ),
    ("assignment to undeclared global", "plugins cannot create globals: write 'local name = ...', or make it a field of the returned table"),
    (
      "attempt to index a nil value",
      "a table or field used here is nil: check the spelling of the name before the dot, and that the value exists for every respondent (unanswered items are nil)"
    ),
    (
      "attempt to call a nil value",
      "that function does not exist: check its spelling; host helpers live in the 'cultivar' table (cultivar.mean, cultivar.pomp, ...)"
    ),
    ("attempt to perform arithmetic on a nil value", nilValue),
    ("attempt to compare nil", nilValue),
    ("attempt to compare number with nil", nilValue),
    ("attempt to concatenate a nil value", nilValue),
    ("'}' expected", "a comma is probably missing at the end of the line before, between two fields or two entries of a list"),
    ("'=' expected", "a field needs '=' between its name and its value, e.g. name = \"Trust\""),
    ("unfinished string", "a text is missing its closing quote"),
    ("'end' expected", "a 'function', 'if' or 'for' is missing its 'end'"),
    ("'<eof>' expected", "there is something after the returned table, or an 'end' too many: the file must end with `return { ... }`"),
    ("unexpected symbol", "check this line and the one before for a missing comma, quote or bracket"),
    ("time limit exceeded", "the code ran too long: look for a loop that never ends"),
    ("memory limit exceeded", "the code built too much data: look for a table or string that keeps growing"),
  ]

  /// The functions of each library a plugin can call, for "did you mean" on a misspelt one.
  private static let libraries: [String: [String]] = [
    "cultivar": HostAPI.functions.map(\.name),
    "math": [
      "abs", "ceil", "cos", "deg", "exp", "floor", "fmod", "log", "max", "min", "modf", "rad", "random", "randomseed",
      "sin", "sqrt", "tan", "tointeger", "type", "ult",
    ],
    "string": [
      "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "pack", "packsize", "rep",
      "reverse", "sub", "unpack", "upper",
    ],
    "table": ["concat", "insert", "move", "pack", "remove", "sort", "unpack"],
    "utf8": ["char", "codepoint", "codes", "len", "offset"],
  ]

  /// The hint for a Lua error message, if one applies.
  /// - Parameter source: the plugin's source, to see which library a misspelt function
  ///   was looked up in (the message names only the function).
  static func hint(for message: String, source: String?) -> String? {
    if let guess = misspeltFunction(in: message, source: source) {
      return "there is no function by that name: did you mean '\(guess)'?"
    }
    return rules.first { message.contains($0.fragment) }?.hint
  }

  /// For "file:12: attempt to call a nil value (field 'mena')" where line 12 reads
  /// `cultivar.mena(...)`: "cultivar.mean".
  private static func misspeltFunction(in message: String, source: String?) -> String? {
    let marker = "attempt to call a nil value (field '"
    guard let source, let start = message.range(of: marker), let end = message[start.upperBound...].firstIndex(of: "'") else { return nil }
    let name = String(message[start.upperBound..<end])
    let head = message[..<start.lowerBound].split(separator: ":")
    guard head.count >= 2, let line = Int(head[head.count - 2].trimmingCharacters(in: .whitespaces)) else { return nil }
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard line >= 1, line <= lines.count else { return nil }
    for (library, functions) in libraries where lines[line - 1].contains("\(library).\(name)") {
      return Suggestion.closest(to: name, in: functions).map { "\(library).\($0)" }
    }
    return nil
  }
}
