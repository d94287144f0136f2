import HTTPTypes
import Hummingbird

/// Gives every response the headers that keep the survey private (no caching, no referrer,
/// no framing, no external resources) and turns Hummingbird's errors into plain pages, so no
/// request ever gets more than a short explanation.
struct PageMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as HTTPError {
      let page = error.status == .notFound ? FormPages.notFound : FormPages.problem("Request refused", "The request could not be handled (\(error.status.code)).")
      response = Self.page(page, status: error.status)
    }
    for (name, value) in SecurityHeaders.all { response.headers[name] = value }
    return response
  }

  /// An HTML page response.
  static func page(_ page: HTMLPage, status: HTTPResponse.Status) -> Response {
    Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: page.html)))
  }
}

/// The headers every response carries.
enum SecurityHeaders {
  static let all: [(HTTPField.Name, String)] = [
    (.cacheControl, "no-store"),
    (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
    (HTTPField.Name("X-Frame-Options")!, "DENY"),
    (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
    (HTTPField.Name("Content-Security-Policy")!, "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"),
  ]
}
