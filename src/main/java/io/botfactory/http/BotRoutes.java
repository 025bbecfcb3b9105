package io.botfactory.http;

import io.botfactory.bots.TelegramToken;
import io.botfactory.bus.BotsClient;
import io.botfactory.bus.FieldErrors;
import io.botfactory.bus.Ids;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /bots}, {@code GET /bots/me} and {@code GET/PATCH/DELETE /bots/{id}}. */
final class BotRoutes {

  static final int MAX_PAGE = 100;
  private static final String BAD_TOKEN = "Value error, not a Telegram bot token (<bot id>:<30-64 characters of A-Z a-z 0-9 _ ->)";

  private final BotsClient bots;

  BotRoutes(BotsClient bots) {
    this.bots = bots;
  }

  void create(RoutingContext ctx) {
    Fields body = new Fields(Bodies.json(ctx), "body");
    String name = body.string("name", true, 1, 64);
    String token = body.string("token", false, 1, 256);
    String description = body.optionalString("description", false, 0, 512);
    if (token != null && TelegramToken.parse(token) == null) {
      body.invalid("token", BAD_TOKEN);
    }
    body.check();
    bots.create(Gate.clientId(ctx), name, description, token, RequestIds.get(ctx))
      .onSuccess(bot -> Responses.created(ctx, "/bots/" + bot.getString("id"), bot))
      .onFailure(ctx::fail);
  }

  void listMine(RoutingContext ctx) {
    int limit = limit(ctx);
    String after = ctx.queryParams().get("after");
    if (after != null && Ids.uuid(after) == null) {
      throw FieldErrors.single("query", "after", "Input should be a valid UUID", "uuid_parsing");
    }
    bots.list(Gate.clientId(ctx), limit, after, RequestIds.get(ctx))
      .onSuccess(page -> {
        var list = page.getJsonArray("bots");
        if (page.getBoolean("has_more") && !list.isEmpty()) {
          String last = list.getJsonObject(list.size() - 1).getString("id");
          ctx.response().putHeader("Link", "</bots/me?limit=" + limit + "&after=" + last + ">; rel=\"next\"");
        }
        Responses.json(ctx, 200, list);
      })
      .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    bots.get(Gate.clientId(ctx), ctx.pathParam("id"), RequestIds.get(ctx))
      .onSuccess(bot -> Responses.json(ctx, 200, bot))
      .onFailure(ctx::fail);
  }

  void update(RoutingContext ctx) {
    Fields body = new Fields(Bodies.json(ctx), "body");
    JsonObject changes = new JsonObject();
    putIfValid(changes, "name", body.presentString("name", true, 1, 64));
    putIfValid(changes, "is_active", body.presentBoolean("is_active"));
    String token = body.presentString("token", false, 1, 256);
    if (token != null && TelegramToken.parse(token) == null) {
      body.invalid("token", BAD_TOKEN);
    }
    putIfValid(changes, "token", token);
    if (body.has("description")) {
      changes.put("description", body.optionalString("description", false, 0, 512));
    }
    body.check();
    bots.update(Gate.clientId(ctx), ctx.pathParam("id"), changes, RequestIds.get(ctx))
      .onSuccess(bot -> Responses.json(ctx, 200, bot))
      .onFailure(ctx::fail);
  }

  void delete(RoutingContext ctx) {
    bots.delete(Gate.clientId(ctx), ctx.pathParam("id"), RequestIds.get(ctx))
      .onSuccess(v -> Responses.noContent(ctx))
      .onFailure(ctx::fail);
  }

  /** Absent and invalid fields both read as null: the first changes nothing, the second is already a 422. */
  private static void putIfValid(JsonObject changes, String name, Object value) {
    if (value != null) {
      changes.put(name, value);
    }
  }

  /** {@code limit}: 1 to 100, default 100. */
  private static int limit(RoutingContext ctx) {
    String text = ctx.queryParams().get("limit");
    if (text == null) {
      return MAX_PAGE;
    }
    int limit;
    try {
      limit = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw FieldErrors.single("query", "limit", "Input should be a valid integer, unable to parse string as an integer",
        "int_parsing");
    }
    if (limit < 1) {
      throw FieldErrors.single("query", "limit", "Input should be greater than or equal to 1", "greater_than_equal");
    }
    if (limit > MAX_PAGE) {
      throw FieldErrors.single("query", "limit", "Input should be less than or equal to " + MAX_PAGE, "less_than_equal");
    }
    return limit;
  }
}
