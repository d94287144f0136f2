/// The metadata columns each survey tool writes before the questions, with the localized
/// headers seen in exports. They are left out silently (no identity, time or network address
/// is ever imported); other columns that match no item are left out with a warning.
///
/// Add a header here when a tool's export in another language shows it; a missing alias is
/// harmless (the column is ignored with a warning) unless it is the response id column.
enum MetadataColumns {
  static let qualtrics = [
    "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
    "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
    "ExternalReference", "ExternalDataReference", "LocationLatitude", "LocationLongitude",
    "DistributionChannel", "UserLanguage", "Q_RecaptchaScore", "Q_RelevantIDDuplicate",
    // The legacy exporter's V columns.
    "ResponseID", "ResponseSet", "Name", "EmailAddress", "V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10",
  ]
  static let qualtricsResponseID = ["ResponseId", "ResponseID", "V1"]

  static let surveyMonkey = [
    "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
    "First Name", "Last Name", "Custom Data 1", "Custom Data 2", "Custom Data 3",
  ]
  static let surveyMonkeyResponseID = ["Respondent ID"]

  static let googleForms = [
    "Timestamp", "Email Address", "Email address", "Score",
    "Zeitstempel", "E-Mail-Adresse", "Horodateur", "Adresse e-mail", "Marca temporal",
    "Dirección de correo electrónico", "Carimbo de data/hora", "Endereço de e-mail", "Tijdstempel",
    "E-mailadres", "Informazioni cronologiche", "Indirizzo email", "タイムスタンプ", "メールアドレス",
  ]
  /// First-column headers that mark a Google Forms export.
  static let googleTimestamp = [
    "Timestamp", "Zeitstempel", "Horodateur", "Marca temporal", "Carimbo de data/hora", "Tijdstempel", "Informazioni cronologiche", "タイムスタンプ",
  ]

  static let msForms = [
    "ID", "Id.", "Start time", "Completion time", "Email", "Name", "Last modified time", "Total points", "Quiz feedback",
    "Startzeit", "Fertigstellungszeit", "E-Mail", "Uhrzeit der letzten Änderung",
    "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom", "Heure de la dernière modification",
    "Hora de inicio", "Hora de finalización", "Correo electrónico", "Nombre", "Hora de la última modificación",
    "Begintijd", "Tijd van voltooien", "E-mail", "Naam", "Tijdstip van laatste wijziging",
    "開始時刻", "完了時刻", "メール", "名前", "最終更新時刻",
  ]
  /// Second-column headers (the start time) that, after an `ID` column, mark a Microsoft
  /// Forms export.
  static let msFormsStart = ["Start time", "Startzeit", "Heure de début", "Hora de inicio", "Begintijd", "開始時刻"]
  static let msFormsResponseID = ["ID", "Id."]
}
