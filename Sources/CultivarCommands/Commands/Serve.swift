import ArgumentParser
import CultivarKit
import SurveyModel

/// `cultivar serve SURVEY --wave W [--port P]`
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the survey's web form for a wave, reached through 'cultivar invite' links.",
    discussion:
      "Respondents open their team's link, answer and send the form once. No name, address or time finer than the day is stored; results are never served. Stop with Ctrl-C."
  )

  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Option(help: ArgumentHelp("The wave the links belong to.", valueName: "wave"))
  var wave: String

  @Option(help: ArgumentHelp("The port to listen on (0 = any free port).", valueName: "port"))
  var port: Int = 8080

  @Option(help: ArgumentHelp("The address to listen on (default: loopback only; put a TLS proxy in front to serve others).", valueName: "address"))
  var host: String = "127.0.0.1"

  @Option(
    help: ArgumentHelp(
      "The address respondents open (behind a proxy, e.g. https://survey.example.org): forms are accepted only from this origin. Default: the address listened on.",
      valueName: "url"))
  var publicURL: String?

  @Option(help: ArgumentHelp("Seconds a client may take to send a request head.", valueName: "seconds"))
  var readTimeout: Double = ServerLimits().readTimeout

  @Option(help: ArgumentHelp("Seconds a kept-alive connection may stay idle.", valueName: "seconds"))
  var idleTimeout: Double = ServerLimits().idleTimeout

  @Option(help: ArgumentHelp("Seconds from a request's head to the end of its answer.", valueName: "seconds"))
  var requestTimeout: Double = ServerLimits().requestTimeout

  @Option(help: ArgumentHelp("Connections kept open at once (beyond it, the longest-idle one is closed).", valueName: "n"))
  var maxConnections: Int = ServerLimits().maxConnections

  @Option(help: ArgumentHelp("Times one link may be opened per minute.", valueName: "n"))
  var opensPerMinute: Int = ServerLimits().opensPerMinute

  @Option(help: ArgumentHelp("Hours a form stays valid once shown.", valueName: "hours"))
  var formHours: Int = ServerLimits().ticketHours

  @OptionGroup var store: StoreOptions
  @OptionGroup var plugins: PluginOptions

  func run() async throws {
    var job = ServeJob(surveyPath: survey, wave: wave, storePath: store.resolved)
    job.port = port
    job.host = host
    job.publicURL = publicURL
    job.limits.readTimeout = readTimeout
    job.limits.idleTimeout = idleTimeout
    job.limits.requestTimeout = requestTimeout
    job.limits.maxConnections = maxConnections
    job.limits.opensPerMinute = opensPerMinute
    job.limits.ticketHours = formHours
    job.workspace = plugins.workspace
    job.note = { Terminal.err($0) }
    do {
      try await job.run()
    } catch {
      throw Terminal.fail(error)
    }
  }
}

/// `cultivar invite SURVEY --wave W --team T --count N` (or `--people FILE`)
struct Invite: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "invite",
    abstract: "Create single-use invitation links, one per person, for a wave's web form.",
    discussion: """
      Each link carries an unguessable token that stores one response; the store keeps only its hash, so the \
      links are shown once. Say who is invited with --team T --count N, or with --people FILE (a CSV with a \
      'team' column, one row per person; only the team column and columns named like the survey's declared \
      attributes are read, each link carrying its person's values, and nothing else of the file is stored). \
      --shared makes one link per team instead, usable as many times as the team has people (not \
      recommended: one person can answer several times).
      """)

  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Option(help: ArgumentHelp("The wave (created when new).", valueName: "wave"))
  var wave: String

  @Option(help: ArgumentHelp("The team of the people invited (with --count).", valueName: "team"))
  var team: String?

  @Option(help: ArgumentHelp("How many people of the team are invited: one link each.", valueName: "n"))
  var count: Int?

  @Option(
    help: ArgumentHelp("A CSV file with one row per person and a team column (read for team and declared attribute columns only).", valueName: "file")
  )
  var people: String?

  @Option(help: ArgumentHelp("The header of the people file's team column.", valueName: "header"))
  var teamColumn: String = "team"

  @Flag(help: "One shared link per team, accepting as many responses as the team has people (printed with a warning).")
  var shared = false

  @Option(help: ArgumentHelp("Days the links stay valid.", valueName: "days"))
  var expiresIn: Int = 30

  @Option(help: ArgumentHelp("The address respondents reach 'cultivar serve' at.", valueName: "url"))
  var baseURL: String = "http://127.0.0.1:8080"

  @Option(
    name: .customLong("attribute"),
    help: ArgumentHelp(
      "A respondent attribute every link sets (a declared value; repeatable); the form does not ask it and a respondent cannot change it.",
      valueName: "name=value"))
  var attributes: [String] = []

  @OptionGroup var store: StoreOptions
  @OptionGroup var plugins: PluginOptions

  func run() throws {
    var job = InviteJob(surveyPath: survey, wave: wave, storePath: store.resolved)
    job.attributes = attributes
    job.team = team
    job.count = count
    job.peoplePath = people
    job.teamColumn = teamColumn
    job.shared = shared
    job.validDays = expiresIn
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
