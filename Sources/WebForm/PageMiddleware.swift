import FormText
import HTTPTypes
import Hummingbird
import Logging
import SurveyModel

/// Turns every error into a plain page (no request ever gets more than a short explanation),
/// answers 405 to methods the form does not use, and logs every refused or failed request as
/// one line, by route only (never the path, which carries the token). The security headers
/// are added below, to every response (see ``SecurityHeadersHandler``).
struct PageMiddleware<Context: RequestContext>: RouterMiddleware {
  let log: Logger

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let route = Self.route(request.uri.path)
    if route != nil, request.method != .get, request.method != .post {
      log.notice("refused", metadata: ["status": "405", "route": "\(route!)", "method": "\(Self.method(request.method))"])
      var response = Self.page(
        FormPages.problem("Method not allowed", "This address only answers GET (to show the form) and POST (to send it)."), status: .methodNotAllowed)
      response.headers[.allow] = route == "/" ? "GET" : "GET, POST"
      return response
    }
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as any HTTPResponseError {
      // Pages outside a survey: in the browser's language, when there is a message file for it.
      let words = Messages(request.headers[.acceptLanguage].flatMap { LanguageTag.negotiate(acceptLanguage: $0, available: Messages.languages) })
      let page =
        error.status == .notFound
        ? FormPages.refusal(.notFound, words)
        : error.status == .contentTooLarge
          ? FormPages.refusal(.tooLarge, words) : FormPages.problem("Request refused", "The request could not be handled (\(error.status.code)).")
      response = Self.page(page, status: error.status)
    } catch {
      log.error("internal_error", metadata: ["status": "500", "route": "\(route ?? "other")", "error": "\(type(of: error))"])
      return Self.page(FormPages.problem("Something went wrong", "Nothing was stored. Try again in a moment."), status: .internalServerError)
    }
    if response.status.code >= 400, response.status != .serviceUnavailable, response.status != .internalServerError {
      log.notice(
        "refused", metadata: ["status": "\(response.status.code)", "route": "\(route ?? "other")", "method": "\(Self.method(request.method))"])
    }
    return response
  }

  /// The route template of a path (no token), or nil for paths the form does not serve.
  static func route(_ path: String) -> String? {
    if path == "/" { return "/" }
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    return parts.count == 3 && parts[1] == "t" && !parts[2].isEmpty ? "/t/:token" : nil
  }

  /// A method name safe to log (only the standard ones are named).
  static func method(_ method: HTTPRequest.Method) -> String {
    let known: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]
    return known.contains(method.rawValue) ? method.rawValue : "other"
  }

  /// An HTML page response.
  static func page(_ page: HTMLPage, status: HTTPResponse.Status, headers extra: HTTPFields = [:]) -> Response {
    var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
    headers.append(contentsOf: extra)
    return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page.html)))
  }
}

/// The headers every response carries.
enum SecurityHeaders {
  static let all: [(HTTPField.Name, String)] = [
    (.cacheControl, "no-store"),
    (HTTPField.Name("Referrer-Policy")!, "same-origin"),
    (HTTPField.Name("X-Frame-Options")!, "DENY"),
    (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
    (HTTPField.Name("Content-Security-Policy")!, "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"),
  ]
}
