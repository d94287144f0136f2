/// The `cultivar` module that every plugin sees: the one registry of host functions.
///
/// Each entry documents one function (parameters, results, a one-line summary and the plugin
/// API version it appeared in) and carries its Lua implementation. The prelude loaded into
/// every plugin state, the LuaLS definition file (`cultivar plugins types`) and the reference
/// documentation (`cultivar plugins docs`) are all generated from this list, so they cannot
/// drift apart. The rules for changing it are in `docs/plugins.md`, "Stability".
public enum HostAPI {
  /// The plugin API version this host implements. Plugins declare `api = 1`.
  public static let version = 1

  /// A parameter of a host function or hook.
  public struct Parameter: Sendable {
    /// The Lua name (`...` for a variable number of values).
    public let name: String
    /// The type in LuaLS notation (`number`, `integer?`, `number[]`, `cultivar.Respondent`).
    public let type: String
    public let summary: String

    public init(_ name: String, _ type: String, _ summary: String) {
      self.name = name
      self.type = type
      self.summary = summary
    }
  }

  /// A result of a host function or hook.
  public struct Result: Sendable {
    /// The type in LuaLS notation.
    public let type: String
    public let summary: String

    public init(_ type: String, _ summary: String) {
      self.type = type
      self.summary = summary
    }
  }

  /// A constant of the `cultivar` module (e.g. `cultivar.api_version`).
  public struct Constant: Sendable {
    public let name: String
    public let type: String
    public let summary: String
    /// The plugin API version in which the constant appeared.
    public let since: Int
    /// Its value, as Lua source.
    let value: String
  }

  /// One function of the `cultivar` module.
  public struct Function: Sendable {
    public let name: String
    public let parameters: [Parameter]
    public let returns: [Result]
    /// One line: what the function does.
    public let summary: String
    /// The plugin API version in which the function appeared.
    public let since: Int
    /// When set, the function is deprecated: what to use instead. It keeps working until the
    /// next major plugin API version.
    public let deprecated: String?
    /// The Lua body: `function(...) ... end`, or a native function's name.
    let implementation: String

    init(
      name: String, parameters: [Parameter], returns: [Result], summary: String, since: Int,
      deprecated: String? = nil, implementation: String
    ) {
      self.name = name
      self.parameters = parameters
      self.returns = returns
      self.summary = summary
      self.since = since
      self.deprecated = deprecated
      self.implementation = implementation
    }

    /// `cultivar.name(a, b)`.
    public var signature: String { "cultivar.\(name)(\(parameters.map(\.name).joined(separator: ", ")))" }
  }

  /// Every constant, in documentation order.
  public static let constants: [Constant] = [
    Constant(name: "api_version", type: "integer", summary: "The plugin API version of this host.", since: 1, value: String(version))
  ]

  /// Every host function, in documentation order.
  public static let functions: [Function] = [
    Function(
      name: "mean", parameters: [Parameter("values", "number[]", "numbers; nil and non-numbers are skipped")],
      returns: [Result("number?", "the mean, or nil when there is no number")],
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
      name: "sd", parameters: [Parameter("values", "number[]", "numbers; nil and non-numbers are skipped")],
      returns: [Result("number?", "the sample standard deviation (n − 1), or nil for fewer than 2 numbers")],
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
      parameters: [
        Parameter("x", "number", "a score on the scale"), Parameter("min", "number", "scale minimum"), Parameter("max", "number", "scale maximum"),
      ],
      returns: [Result("number", "(x − min) / (max − min) × 100")],
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
      parameters: [Parameter("x", "number", "an answer"), Parameter("min", "number", "scale minimum"), Parameter("max", "number", "scale maximum")],
      returns: [Result("number", "(min + max) − x")],
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
      parameters: [Parameter("x", "number", "a number"), Parameter("digits", "integer?", "decimal places (default 0)")],
      returns: [Result("number", "x rounded half away from zero")],
      summary: "Rounds a number to a number of decimal places.", since: 1,
      implementation: """
        function(x, digits)
          local f = 10 ^ (digits or 0)
          if x >= 0 then return math.floor(x * f + 0.5) / f end
          return -math.floor(-x * f + 0.5) / f
        end
        """),
    Function(
      name: "log", parameters: [Parameter("...", "any", "values to write, joined by tabs")], returns: [],
      summary: "Writes a message to the host's log (stderr), prefixed with the plugin file and line.", since: 1,
      implementation: "native.log"),
    Function(
      name: "require_api", parameters: [Parameter("version", "integer", "the lowest plugin API version the plugin needs")],
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
  static let prelude: String = {
    var lines = ["local native = __cultivar_native", "__cultivar_native = nil", "cultivar = {}"]
    for constant in constants {
      lines.append("cultivar.\(constant.name) = \(constant.value)")
    }
    for function in functions {
      lines.append("cultivar.\(function.name) = \(function.implementation)")
    }
    return lines.joined(separator: "\n") + "\n"
  }()
}
