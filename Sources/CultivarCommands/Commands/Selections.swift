import ArgumentParser
import CultivarKit

/// `cultivar selections SURVEY (--responses FILE | --wave W)`
struct Selections: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "selections",
    abstract: "Show the share choosing each option of the multi-select (type = \"multi\") items, per team.",
    discussion:
      "Per group: n (respondents who answered the item), the percentage of them choosing each option and the mean number of options chosen, shown as the anonymity engine decides (the survey's min_group_size)."
  )

  @OptionGroup var input: UnscoredInputOptions

  @OptionGroup var language: ReportLanguageOption

  @Option(help: "Output format: table, csv or json.")
  var format: String = "table"

  func run() throws {
    let job = SelectionsJob(input: input.input(format: format, language: language.lang))
    do {
      Terminal.out(try job.run())
    } catch {
      throw Terminal.fail(error)
    }
  }
}
