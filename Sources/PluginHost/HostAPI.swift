/// The `cultivar` module that every plugin sees: the one registry of host functions.
///
/// Each entry documents one function (parameters, results, a one-line summary and the plugin
/// API version it appeared in) and carries its Lua implementation; the prelude loaded into every
/// plugin state, and the reference documentation, are both generated from this list.
public enum HostAPI {
  /// The plugin API version this host implements. Plugins declare `api = 1`.
  public static let version = 1

  /// One function of the `cultivar` module.
  public struct Function: Sendable {
    public let name: String
    public let parameters: [(name: String, type: String, summary: String)]
    public let returns: [(type: String, summary: String)]
    public let summary: String
    /// The plugin API version in which the function appeared.
    public let since: Int
    /// The Lua body: `function(...) ... end`, or a native function's name.
    let implementation: String
  }

  /// Every host function, in documentation order.
  public static let functions: [Function] = [
    Function(
      name: "mean", parameters: [("values", "number[]", "numbers; nil and non-numbers are skipped")],
      returns: [("number?", "the mean, or nil when there is no number")],
      summary: "Mean of the numbers in a list.", since: 1,
      implementation: """
        function(values)
          local sum, n = 0, 0
          for _, v in pairs(values) do
            if type(v) == 'number' and v == v then sum, n = sum + v, n + 1 end
          end
          if n == 0 then return nil end
          return sum / n
        end
        """),
    Function(
      name: "sd", parameters: [("values", "number[]", "numbers; nil and non-numbers are skipped")],
      returns: [("number?", "the sample standard deviation (n − 1), or nil for fewer than 2 numbers")],
      summary: "Sample standard deviation of the numbers in a list.", since: 1,
      implementation: """
        function(values)
          local sum, n = 0, 0
          for _, v in pairs(values) do
            if type(v) == 'number' and v == v then sum, n = sum + v, n + 1 end
          end
          if n < 2 then return nil end
          local mean, squares = sum / n, 0
          for _, v in pairs(values) do
            if type(v) == 'number' and v == v then squares = squares + (v - mean) ^ 2 end
          end
          return math.sqrt(squares / (n - 1))
        end
        """),
    Function(
      name: "pomp",
      parameters: [("x", "number", "a score on the scale"), ("min", "number", "scale minimum"), ("max", "number", "scale maximum")],
      returns: [("number", "(x − min) / (max − min) × 100")],
      summary: "Percent of maximum possible: a scale score on 0–100.", since: 1,
      implementation: """
        function(x, min, max)
          if type(x) ~= 'number' or type(min) ~= 'number' or type(max) ~= 'number' then
            error('cultivar.pomp(x, min, max) needs three numbers', 2)
          end
          return (x - min) / (max - min) * 100
        end
        """),
    Function(
      name: "reverse",
      parameters: [("x", "number", "an answer"), ("min", "number", "scale minimum"), ("max", "number", "scale maximum")],
      returns: [("number", "(min + max) − x")],
      summary: "Reverse-keys an answer on the declared scale.", since: 1,
      implementation: """
        function(x, min, max)
          if type(x) ~= 'number' or type(min) ~= 'number' or type(max) ~= 'number' then
            error('cultivar.reverse(x, min, max) needs three numbers', 2)
          end
          return min + max - x
        end
        """),
    Function(
      name: "round",
      parameters: [("x", "number", "a number"), ("digits", "integer?", "decimal places (default 0)")],
      returns: [("number", "x rounded half away from zero")],
      summary: "Rounds a number to a number of decimal places.", since: 1,
      implementation: """
        function(x, digits)
          local f = 10 ^ (digits or 0)
          if x >= 0 then return math.floor(x * f + 0.5) / f end
          return -math.floor(-x * f + 0.5) / f
        end
        """),
    Function(
      name: "log", parameters: [("...", "any", "values to write, joined by tabs")], returns: [],
      summary: "Writes a message to the host's log (stderr), prefixed with the plugin file and line.", since: 1,
      implementation: "native.log"),
    Function(
      name: "require_api", parameters: [("version", "integer", "the lowest plugin API version the plugin needs")],
      returns: [],
      summary: "Stops loading with a clear message when the host's plugin API is older than `version`.", since: 1,
      implementation: """
        function(version)
          if type(version) ~= 'number' then error('cultivar.require_api(version) needs a number', 2) end
          if version > cultivar.api_version then
            error(string.format('this plugin needs plugin API %d but this cultivar provides %d: upgrade cultivar', version, cultivar.api_version), 2)
          end
        end
        """),
  ]

  /// The Lua source run in every plugin state before the plugin: builds `cultivar`.
  static var prelude: String {
    var lines = ["local native = __cultivar_native", "__cultivar_native = nil", "cultivar = {}",
                 "cultivar.api_version = \(version)"]
    for function in functions {
      lines.append("cultivar.\(function.name) = \(function.implementation)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
