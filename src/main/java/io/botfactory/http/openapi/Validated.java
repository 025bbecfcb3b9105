package io.botfactory.http.openapi;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

/** What the OpenAPI validator let through, for the route handlers: typed, trimmed, checked. */
public final class Validated {

  private Validated() {
  }

  public static JsonObject body(RoutingContext ctx) {
    return request(ctx).getBody().getJsonObject();
  }

  /** A query parameter, or null when the request did not give it. */
  public static RequestParameter query(RoutingContext ctx, String name) {
    RequestParameter value = request(ctx).getQuery().get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** A path parameter as the document typed it (an integer's {@code getLong()}). */
  public static RequestParameter path(RoutingContext ctx, String name) {
    return request(ctx).getPathParameters().get(name);
  }

  private static ValidatedRequest request(RoutingContext ctx) {
    return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }
}
