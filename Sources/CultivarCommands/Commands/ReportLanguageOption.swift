import ArgumentParser

/// `--lang` of every command that writes a report (`score`, `compare`, `drivers`, `trend`,
/// `report`, `comments`, `selections`): the language the report is read in.
struct ReportLanguageOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The language the report is read in: the plugins' texts (dimension names, bands, advice), the survey title and, where translated, the report's own words; one of the survey's languages (default: its default language).",
      valueName: "lang"))
  var lang: String?
}
