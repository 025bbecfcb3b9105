package io.botfactory.http;

import io.botfactory.bus.BotsClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;

import java.util.List;

/**
 * {@code POST /bots}, {@code GET /bots/me} and {@code GET/PATCH/DELETE /bots/{bot_id}}; bodies and
 * query parameters were validated against the document before these run.
 */
final class BotRoutes {

  static final int MAX_PAGE = 100;
  private static final List<String> UPDATABLE = List.of("name", "description", "is_active", "token");

  private final BotsClient bots;

  BotRoutes(BotsClient bots) {
    this.bots = bots;
  }

  void create(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    bots.create(Gate.clientId(ctx), body.getString("name"), body.getString("description"), body.getString("token"),
        RequestIds.get(ctx))
      .onSuccess(bot -> Responses.created(ctx, "/bots/" + bot.getString("id"), bot))
      .onFailure(ctx::fail);
  }

  void listMine(RoutingContext ctx) {
    RequestParameter limitParam = Validated.query(ctx, "limit");
    RequestParameter afterParam = Validated.query(ctx, "after");
    int limit = limitParam == null ? MAX_PAGE : limitParam.getInteger();
    String after = afterParam == null ? null : afterParam.getString();
    bots.list(Gate.clientId(ctx), limit, after, RequestIds.get(ctx))
      .onSuccess(page -> {
        if (page.nextAfter() != null) {
          ctx.response().putHeader("Link", "</bots/me?limit=" + limit + "&after=" + page.nextAfter() + ">; rel=\"next\"");
        }
        Responses.jsonText(ctx, 200, page.json());
      })
      .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    bots.get(Gate.clientId(ctx), ctx.pathParam("bot_id"), RequestIds.get(ctx))
      .onSuccess(bot -> Responses.json(ctx, 200, bot))
      .onFailure(ctx::fail);
  }

  /** Only the fields the body names change; the document already refused nulls other than the description's. */
  void update(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    JsonObject changes = new JsonObject();
    for (String field : UPDATABLE) {
      if (body.containsKey(field)) {
        changes.put(field, body.getValue(field));
      }
    }
    bots.update(Gate.clientId(ctx), ctx.pathParam("bot_id"), changes, RequestIds.get(ctx))
      .onSuccess(bot -> Responses.json(ctx, 200, bot))
      .onFailure(ctx::fail);
  }

  void delete(RoutingContext ctx) {
    bots.delete(Gate.clientId(ctx), ctx.pathParam("bot_id"), RequestIds.get(ctx))
      .onSuccess(v -> Responses.noContent(ctx))
      .onFailure(ctx::fail);
  }
}
