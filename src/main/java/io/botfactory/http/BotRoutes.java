package io.botfactory.http;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotChanges;
import io.botfactory.bus.BotRequest;
import io.botfactory.bus.BusClient;
import io.botfactory.bus.BusJson;
import io.botfactory.bus.CreateBotRequest;
import io.botfactory.bus.ListBotsRequest;
import io.botfactory.bus.UpdateBotRequest;
import io.botfactory.http.openapi.Validated;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;

/**
 * {@code POST /bots}, {@code GET /bots/me} and {@code GET/PATCH/DELETE /bots/{bot_id}}; bodies and
 * query parameters were validated against the document before these run.
 */
final class BotRoutes {

  static final int MAX_PAGE = 100;

  private final BusClient bus;

  BotRoutes(BusClient bus) {
    this.bus = bus;
  }

  void create(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    CreateBotRequest request = new CreateBotRequest(BearerTokenGate.clientId(ctx), body.getString("name"),
      body.getString("description"), body.getString("token"));
    bus.request(Addresses.BOTS_CREATE, request, RequestIds.get(ctx))
      .onSuccess(bot -> Responses.created(ctx, "/bots/" + bot.getString("id"), bot))
      .onFailure(ctx::fail);
  }

  void listMine(RoutingContext ctx) {
    RequestParameter limitParam = Validated.query(ctx, "limit");
    RequestParameter afterParam = Validated.query(ctx, "after");
    int limit = limitParam == null ? MAX_PAGE : limitParam.getInteger();
    String after = afterParam == null ? null : afterParam.getString();
    ListBotsRequest request = new ListBotsRequest(BearerTokenGate.clientId(ctx), limit, after);
    Responses.page(ctx, bus.page(Addresses.BOTS_LIST, request, RequestIds.get(ctx)),
      next -> "/bots/me?limit=" + limit + "&after=" + next);
  }

  void get(RoutingContext ctx) {
    Responses.reply(ctx, 200, bus.request(Addresses.BOTS_GET, bot(ctx), RequestIds.get(ctx)));
  }

  /** Only the fields the body names change; the document already refused nulls other than the description's. */
  void update(RoutingContext ctx) {
    BotChanges changes = BusJson.fromJson(Validated.body(ctx), BotChanges.class);
    UpdateBotRequest request = new UpdateBotRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"), changes);
    Responses.reply(ctx, 200, bus.request(Addresses.BOTS_UPDATE, request, RequestIds.get(ctx)));
  }

  void delete(RoutingContext ctx) {
    bus.request(Addresses.BOTS_DELETE, bot(ctx), RequestIds.get(ctx))
      .onSuccess(v -> Responses.noContent(ctx))
      .onFailure(ctx::fail);
  }

  /** The bot the path names, as the caller's: the storage service answers 404 for anyone else's. */
  private static BotRequest bot(RoutingContext ctx) {
    return new BotRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"));
  }
}
