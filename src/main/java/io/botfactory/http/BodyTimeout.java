package io.botfactory.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * A request body must arrive in full within {@code BOTFACTORY_HTTP_BODY_TIMEOUT_MS} of its
 * headers; otherwise the answer is 408 and the connection is closed. The idle timeout alone
 * does not end a body trickled in a byte at a time, and a request that declared more than it
 * sends would otherwise hold its connection (and the body handler's buffer) for good. Once the
 * body is in, or the answer sent, the timer has nothing to do.
 */
final class BodyTimeout implements PlatformHandler {

  private final Vertx vertx;
  private final long timeoutMs;

  BodyTimeout(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!ctx.request().isEnded()) {
      long timer = vertx.setTimer(timeoutMs, id -> expire(ctx));
      ctx.addEndHandler(v -> vertx.cancelTimer(timer));
    }
    ctx.next();
  }

  private static void expire(RoutingContext ctx) {
    if (ctx.request().isEnded() || ctx.response().headWritten() || ctx.response().closed()) {
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    Responses.problem(ctx, 408, ErrorDetails.REQUEST_TIMEOUT);
    ctx.response().endHandler(v -> ctx.request().connection().close());
  }
}
