import ArgumentParser

/// What to do with rows that cannot be used, for every command that reads responses and
/// publishes results (`score`, `compare`, `drivers`).
struct InvalidRowOptions: ParsableArguments {
  @Flag(help: "Leave invalid rows out and write them, with reasons, to a rejects file.")
  var skipInvalid = false

  @Option(
    help: ArgumentHelp("Where --skip-invalid writes rejected rows (default: beside the output or responses, NAME.rejects.csv).", valueName: "file"))
  var rejects: String?
}
