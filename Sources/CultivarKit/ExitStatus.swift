import Comparison
import PluginHost
import Scoring
import Store
import SurveyIO

/// The documented exit codes of `cultivar` (BSD sysexits values where one fits).
public enum ExitStatus: Int32, Sendable {
  case success = 0
  /// An unexpected failure.
  case failure = 1
  /// Bad command-line usage.
  case usage = 64
  /// A response file with invalid rows (and no --skip-invalid).
  case dataError = 65
  /// An input file that does not exist or cannot be read.
  case noInput = 66
  /// A plugin failed while scoring (a hook error or a limit).
  case pluginFailure = 70
  /// An output file that cannot be written.
  case cannotCreate = 73
  /// The response store cannot be opened, read or written (or stayed busy).
  case storeFailure = 74
  /// A broken survey definition or plugin, or a survey naming a plugin that is not found.
  case configuration = 78

  /// The exit status for an error thrown by a use case.
  public static func of(_ error: Error) -> ExitStatus {
    switch error {
    case let error as InputError:
      switch error.kind {
      case .survey: return .configuration
      case .responses: return .dataError
      case .file: return error.message.hasPrefix("cannot write") ? .cannotCreate : .noInput
      }
    case let problems as InputProblems:
      return problems.problems.first.map { of($0) } ?? .failure
    case let error as PluginError:
      return error.hook == nil ? .configuration : .pluginFailure
    case is PluginProblems, is SurveyPluginFailures: return .configuration
    case let error as ReservedGroupName: return error.mapped ? .configuration : .dataError
    case is ComparisonError, is UsageError: return .usage
    case let error as AuthoringError: return error.status
    case let error as StoreError:
      switch error.kind {
      case .notFound: return .noInput
      case .rejected: return .dataError
      case .cannotOpen, .writeFailed: return .storeFailure
      }
    default: return .failure
    }
  }
}

/// Several plugin errors reported together (e.g. by `plugins check`).
public struct PluginProblems: Error, CustomStringConvertible {
  public var errors: [PluginError]
  /// Lines for the plugins that did pass.
  public var passed: [String] = []
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}
