package io.botfactory.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Requests the HTTP decoder could not read (headers or request line too long, not HTTP at all)
 * never reach the router: they get the statuses Vert.x would give them (431, 414, 400) but with
 * the contract's JSON {@code {"detail"}} body, and their connection is closed, since nothing
 * after them on it can be trusted.
 */
final class MalformedRequests implements Handler<HttpServerRequest> {

  @Override
  public void handle(HttpServerRequest request) {
    HttpResponseStatus status = status(request.decoderResult());
    request.response()
      .setStatusCode(status.code())
      .putHeader(HttpHeaders.CONTENT_TYPE, Responses.JSON)
      .putHeader(HttpHeaders.CONNECTION, "close")
      .putHeader("X-Content-Type-Options", "nosniff")
      .putHeader("Cache-Control", "no-store")
      .end(new JsonObject().put("detail", status.reasonPhrase()).toBuffer())
      .onComplete(ar -> request.connection().close());
  }

  private static HttpResponseStatus status(DecoderResult result) {
    Throwable cause = result == null ? null : result.cause();
    if (cause instanceof TooLongHttpLineException) {
      return HttpResponseStatus.REQUEST_URI_TOO_LONG;
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
    }
    return HttpResponseStatus.BAD_REQUEST;
  }
}
