import SurveyIO
import SurveyModel
import Testing

/// The error model: one rendering, and an exit status decided by an error's type and kind,
/// never by its wording.
@Suite struct DiagnosticTests {
  @Test(arguments: [
    (InputError.Kind.survey, SurveyModel.ExitStatus.configuration),
    (.responses, .dataError),
    (.file, .noInput),
    (.output, .cannotCreate),
  ])
  func inputErrorStatusFollowsItsKind(_ kind: InputError.Kind, _ status: SurveyModel.ExitStatus) {
    // The same wording under every kind: only the kind decides.
    let error = InputError(kind: kind, file: "x.csv", message: "cannot write the file")
    #expect(SurveyModel.ExitStatus.of(error) == status)
  }

  @Test func problemsTakeTheirFirstProblemsStatus() {
    let problems = InputProblems([
      InputError(kind: .responses, file: "r.csv", line: 3, message: "bad"), InputError(kind: .survey, file: "s.yaml", message: "x"),
    ])
    #expect(SurveyModel.ExitStatus.of(problems) == .dataError)
    #expect(SurveyModel.ExitStatus.of(InputProblems([])) == .failure)
  }

  @Test func anErrorThatIsNoDiagnosticIsAFailure() {
    struct Surprise: Error {}
    #expect(SurveyModel.ExitStatus.of(Surprise()) == .failure)
  }

  @Test func renderingHasOneShape() {
    #expect(DiagnosticText.render(place: "a.yaml:3", message: "m", hint: "h") == "a.yaml:3: error: m\n  hint: h")
    #expect(DiagnosticText.render(message: "m") == "error: m")
    #expect(InputError(kind: .survey, file: "a.yaml", line: 3, message: "m", hint: "h").description == "a.yaml:3: error: m\n  hint: h")
    #expect(InputError(kind: .file, file: "a.csv", message: "m").description == "a.csv: error: m")
  }

  @Test func unknownFormatIsAUsageErrorWithTheClosestFormat() {
    let error = UsageError.unknownFormat("jsno", among: ["table", "csv", "json"])
    #expect(SurveyModel.ExitStatus.of(error) == .usage)
    #expect(error.description == "error: unknown format 'jsno' (did you mean 'json'?)\n  hint: use one of: table, csv, json")
  }
}
