import Foundation

/// Where the store file is: `--store PATH`, else `$CULTIVAR_STORE`, else `cultivar.sqlite` in
/// the working directory.
public enum StoreLocation {
  /// The environment variable that overrides the default store path.
  public static let environmentVariable = "CULTIVAR_STORE"
  /// The file name used in the working directory when nothing else is given.
  public static let defaultFileName = "cultivar.sqlite"

  /// The store path to use.
  /// - Parameters:
  ///   - explicit: the `--store` option, if given.
  ///   - environment: the process environment.
  ///   - workingDirectory: where a relative default is placed.
  public static func resolve(
    explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
    workingDirectory: String = FileManager.default.currentDirectoryPath
  ) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
    return URL(fileURLWithPath: workingDirectory).appendingPathComponent(defaultFileName).path
  }
}
