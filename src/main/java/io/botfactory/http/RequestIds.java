package io.botfactory.http;

import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request gets an id: the caller's {@code X-Request-Id} when it is a sane token, else a new
 * UUID. It is echoed in the response and sent with every bus request the HTTP call makes.
 */
final class RequestIds {

  static final String HEADER = "X-Request-Id";
  private static final String KEY = "botfactory.requestId";
  // Bounded and plain, so a caller cannot inject log lines or huge values through it.
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {
  }

  static void assign(RoutingContext ctx) {
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
