import ArgumentParser
import CultivarKit

/// `cultivar take SURVEY --team T [--wave W]`
struct Take: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "take",
    abstract: "Answer a survey in the terminal, item by item.",
    discussion:
      "Keys: 1-9 (or Up/Down and Enter) answer, b or Left goes back, s or Right skips, q quits. The answers are stored only when confirmed at the end; no name or time finer than the day is kept. Leaving without storing (q, Ctrl-C, a signal) prints 'Nothing was stored.' and exits non-zero (1; 130 after Ctrl-C)."
  )

  @Argument(help: ArgumentHelp("The survey definition (surveys/NAME.yaml).", valueName: "survey"))
  var survey: String

  @Option(help: ArgumentHelp("The respondent's team.", valueName: "team"))
  var team: String

  @Option(help: ArgumentHelp("The wave to answer (default: the survey's most recent wave in the store).", valueName: "wave"))
  var wave: String?

  @Option(
    help: ArgumentHelp(
      "The language to answer in, one of the survey's languages (default: the survey's default language); recorded with the response.",
      valueName: "lang"))
  var lang: String?

  @OptionGroup var store: StoreOptions
  @OptionGroup var plugins: PluginOptions

  func run() throws {
    var job = TakeJob(surveyPath: survey, team: team, wave: wave, storePath: store.resolved)
    job.workspace = plugins.workspace
    job.language = lang
    job.note = Terminal.err
    do {
      Terminal.out(try job.run())
    } catch let cancelled as TakeCancelled {
      Terminal.err(cancelled.description)
      throw ExitCode(cancelled.status)
    } catch {
      throw Terminal.fail(error)
    }
  }
}
