import ArgumentParser
import CultivarKit

/// The `--store` option shared by every command that uses the response store.
struct StoreOptions: ParsableArguments {
  @Option(name: .customLong("store"), help: ArgumentHelp("The response store (default: $CULTIVAR_STORE, else ./cultivar.sqlite).", valueName: "file"))
  var path: String?

  /// The store path in force.
  var resolved: String { Workspace.storePath(explicit: path) }
}
