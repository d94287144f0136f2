import ArgumentParser
import CultivarKit

/// `cultivar serve SURVEY --wave W [--port P]`
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Serve the survey's web form for a wave, reached through 'cultivar invite' links.",
    discussion: "Respondents open their team's link, answer and send the form once. No name, address or time finer than the day is stored; results are never served. Stop with Ctrl-C.")

  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Option(help: ArgumentHelp("The wave the links belong to.", valueName: "wave"))
  var wave: String

  @Option(help: ArgumentHelp("The port to listen on (0 = any free port).", valueName: "port"))
  var port: Int = 8080

  @Option(help: ArgumentHelp("The address to listen on (default: loopback only; put a TLS proxy in front to serve others).", valueName: "address"))
  var host: String = "127.0.0.1"

  @OptionGroup var store: StoreOptions
  @OptionGroup var plugins: PluginOptions

  func run() async throws {
    var job = ServeJob(surveyPath: survey, wave: wave, storePath: store.resolved)
    job.port = port
    job.host = host
    job.workspace = plugins.workspace
    job.note = { Terminal.err($0) }
    do {
      try await job.run()
    } catch {
      throw Terminal.fail(error)
    }
  }
}

/// `cultivar invite SURVEY --wave W --teams a,b`
struct Invite: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create one invitation link per team for a wave's web form.",
    discussion: "Each link carries an unguessable token; the store keeps only its hash, so the links are shown once. Run again to make new links (old ones stay valid).")

  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Option(help: ArgumentHelp("The wave (created when new).", valueName: "wave"))
  var wave: String

  @Option(help: ArgumentHelp("The teams, separated by commas.", valueName: "a,b,..."))
  var teams: String

  @Option(help: ArgumentHelp("The address respondents reach 'cultivar serve' at.", valueName: "url"))
  var baseURL: String = "http://127.0.0.1:8080"

  @OptionGroup var store: StoreOptions
  @OptionGroup var plugins: PluginOptions

  func run() throws {
    var job = InviteJob(surveyPath: survey, wave: wave, teams: teams.split(separator: ",", omittingEmptySubsequences: false).map(String.init), storePath: store.resolved)
    job.baseURL = baseURL
    job.workspace = plugins.workspace
    job.note = Terminal.err
    do {
      Terminal.out(try job.run())
    } catch {
      throw Terminal.fail(error)
    }
  }
}
