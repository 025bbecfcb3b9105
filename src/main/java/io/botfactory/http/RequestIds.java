package io.botfactory.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request gets an id: the caller's {@code X-Request-Id} when it is a sane token, else a new
 * UUID. It is echoed in the response, written in the access log and in every log line about
 * the request, and sent with every bus request the HTTP call makes. A platform handler: it runs
 * first, so that even a 413 carries it.
 */
final class RequestIds implements PlatformHandler {

  static final String HEADER = "X-Request-Id";
  private static final String KEY = "botfactory.requestId";
  // Bounded and plain, so a caller cannot inject log lines or huge values through it.
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  static String get(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
