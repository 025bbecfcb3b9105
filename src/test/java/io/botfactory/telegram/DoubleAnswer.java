package io.botfactory.telegram;

import io.vertx.core.json.JsonObject;

/**
 * One HTTP answer of the double, in the shapes the real Bot API server uses:
 * {@code {"ok":true,"result":...[,"description":...]}} and
 * {@code {"ok":false,"error_code":n,"description":...[,"parameters":{...}]}}, the HTTP status equal
 * to the error code.
 */
record DoubleAnswer(int status, String contentType, String body, String location) {

  static final String JSON = "application/json";

  static DoubleAnswer ok(Object result) {
    return json(200, new JsonObject().put("ok", true).put("result", result));
  }

  /** Some methods (setWebhook, deleteWebhook) add a description to their {@code true}. */
  static DoubleAnswer ok(Object result, String description) {
    return json(200, new JsonObject().put("ok", true).put("result", result).put("description", description));
  }

  static DoubleAnswer error(int code, String description) {
    return json(code, new JsonObject().put("ok", false).put("error_code", code).put("description", description));
  }

  static DoubleAnswer error(int code, String description, JsonObject parameters) {
    return json(code, new JsonObject().put("ok", false).put("error_code", code).put("description", description)
      .put("parameters", parameters));
  }

  /** Telegram's flood-control answer (Query::set_retry_after_error). */
  static DoubleAnswer retryAfter(int seconds) {
    return error(429, "Too Many Requests: retry after " + seconds, new JsonObject().put("retry_after", seconds));
  }

  static DoubleAnswer unauthorized() {
    return error(401, "Unauthorized");
  }

  static DoubleAnswer notFound() {
    return error(404, "Not Found");
  }

  static DoubleAnswer badRequest(String what) {
    return error(400, "Bad Request: " + what);
  }

  static DoubleAnswer json(int status, JsonObject body) {
    return new DoubleAnswer(status, JSON, body.encode(), null);
  }

  /** What nginx in front of api.telegram.org answers while the Bot API server behind it is down. */
  static DoubleAnswer nginx502() {
    return new DoubleAnswer(502, "text/html", """
      <html>\r
      <head><title>502 Bad Gateway</title></head>\r
      <body>\r
      <center><h1>502 Bad Gateway</h1></center>\r
      <hr><center>nginx/1.18.0</center>\r
      </body>\r
      </html>\r
      """, null);
  }

  /** The body as JSON, or null for an HTML or empty answer. */
  JsonObject json() {
    return JSON.equals(contentType) ? new JsonObject(body) : null;
  }
}
