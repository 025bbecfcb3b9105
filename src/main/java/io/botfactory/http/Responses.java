package io.botfactory.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes the contract's JSON answers: bodies, and errors as {@code {"detail": ...}}. */
final class Responses {

  static final String JSON = "application/json";

  private Responses() {
  }

  static void json(RoutingContext ctx, int status, Object body) {
    // Straight to UTF-8 bytes: encoding to a String first costs a copy and a slow UTF-16 pass.
    send(ctx.response().setStatusCode(status), Json.encodeToBuffer(body));
  }

  /** A body that is JSON text already. */
  static void jsonText(RoutingContext ctx, int status, Buffer json) {
    send(ctx.response().setStatusCode(status), json);
  }

  static void created(RoutingContext ctx, String location, JsonObject body) {
    ctx.response().putHeader(HttpHeaders.LOCATION, location);
    json(ctx, 201, body);
  }

  static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }

  /** An error: {@code detail} is a message or, for 422, the list of field errors. */
  static void problem(RoutingContext ctx, int status, Object detail) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // Too late for a proper answer; cut the connection rather than send a half-written body.
      response.reset();
      return;
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    json(ctx, status, new JsonObject().put("detail", detail));
  }

  private static void send(HttpServerResponse response, Buffer body) {
    response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
  }
}
