package io.botfactory.http;

import io.botfactory.config.HttpSettings;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.LoggerFormat;
import io.vertx.ext.web.handler.LoggerHandler;
import io.vertx.ext.web.handler.PlatformHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The handlers every request passes before routing, besides the body handler and the gate: its
 * id, its caller's address, the deadline of its body, the response headers every answer
 * carries, the access log, and CORS when configured (off by default).
 */
final class PreRoutingHandlers {

  private PreRoutingHandlers() {
  }

  /** In the order Vert.x requires: platform handlers, then the security policy. */
  static List<Handler<RoutingContext>> forSettings(Vertx vertx, HttpSettings http) {
    List<Handler<RoutingContext>> handlers = new ArrayList<>();
    handlers.add(new RequestIds());
    handlers.add(new ClientAddress(http.trustForwarded(), http.trustedProxies()));
    handlers.add(new BodyTimeout(vertx, http.bodyTimeoutMs()));
    handlers.add((PlatformHandler) PreRoutingHandlers::headers);
    if (http.accessLog()) {
      handlers.add(LoggerHandler.create(LoggerFormat.CUSTOM).customFormatter(PreRoutingHandlers::accessLine));
    }
    if (!http.corsOrigins().isEmpty()) {
      handlers.add(CorsHandler.create()
        .addOrigins(http.corsOrigins())
        // Every method a route of the API takes (PUT: /bots/{id}/commands); OPTIONS is the preflight's own.
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
        .allowedHeaders(Set.of("Authorization", "Content-Type", RequestIds.HEADER))
        .exposedHeaders(Set.of("Location", "Link", "Retry-After", "WWW-Authenticate", RequestIds.HEADER))
        .maxAgeSeconds(600));
    }
    return handlers;
  }

  /**
   * No content sniffing, and API answers are not to be stored by caches: they are per-client.
   * Swagger UI's static files set their own caching headers over these.
   */
  private static void headers(RoutingContext ctx) {
    ctx.response()
      .putHeader("X-Content-Type-Options", "nosniff")
      .putHeader("Cache-Control", "no-store")
      .putHeader("Referrer-Policy", "no-referrer")
      .putHeader("X-Frame-Options", "DENY");
    ctx.next();
  }

  /** One line per request: its id first, then who, what, outcome, size and time. No headers, no bodies. */
  private static String accessLine(RoutingContext ctx, long ms) {
    return "[" + RequestIds.get(ctx) + "] " + ClientAddress.get(ctx) + " "
      + ctx.request().method() + " " + ctx.request().path() + " " + ctx.response().getStatusCode() + " "
      + ctx.response().bytesWritten() + "B " + ms + "ms";
  }
}
