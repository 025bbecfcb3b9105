package io.botfactory.http;

import io.botfactory.bus.Page;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Function;

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

  /** A service's answer as the body with {@code status}; its failure goes to {@link FailureHandler}. */
  static void reply(RoutingContext ctx, int status, Future<?> answer) {
    answer.onSuccess(body -> json(ctx, status, body)).onFailure(ctx::fail);
  }

  /**
   * A page of a list as the body, with a {@code Link} to the next page when more remain; {@code next}
   * is that page's URL, given the cursor to continue after.
   */
  static void page(RoutingContext ctx, Future<Page> answer, Function<String, String> next) {
    answer.onSuccess(page -> {
      if (page.nextAfter() != null) {
        ctx.response().putHeader("Link", "<" + next.apply(page.nextAfter()) + ">; rel=\"next\"");
      }
      jsonText(ctx, 200, page.json());
    }).onFailure(ctx::fail);
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
