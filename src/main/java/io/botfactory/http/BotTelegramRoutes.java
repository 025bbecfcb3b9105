package io.botfactory.http;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotRequest;
import io.botfactory.bus.BusClient;
import io.botfactory.bus.ListChatsRequest;
import io.botfactory.bus.PutCommandsRequest;
import io.botfactory.http.openapi.Validated;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;

/**
 * A bot's life on Telegram, for its owner: {@code GET/PUT /bots/{bot_id}/commands},
 * {@code GET /bots/{bot_id}/chats} and {@code GET /bots/{bot_id}/webhook}. Owner only, like every bot route: the storage service
 * answers 404 for anyone else's bot.
 */
final class BotTelegramRoutes {

  private final BusClient bus;

  BotTelegramRoutes(BusClient bus) {
    this.bus = bus;
  }

  void commands(RoutingContext ctx) {
    Responses.reply(ctx, 200, bus.request(Addresses.BOTS_COMMANDS_GET, bot(ctx), RequestIds.get(ctx)));
  }

  /** The document checked each field's form; the storage service checks names, lengths and what it can store. */
  void putCommands(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    PutCommandsRequest request = new PutCommandsRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      body.getJsonArray("commands"), body.getString("fallback_reply"));
    Responses.reply(ctx, 200, bus.request(Addresses.BOTS_COMMANDS_PUT, request, RequestIds.get(ctx)));
  }

  void chats(RoutingContext ctx) {
    RequestParameter limitParam = Validated.query(ctx, "limit");
    RequestParameter afterParam = Validated.query(ctx, "after");
    int limit = limitParam == null ? BotRoutes.MAX_PAGE : limitParam.getInteger();
    Long after = afterParam == null ? null : afterParam.getLong();
    String bot = ctx.pathParam("bot_id");
    ListChatsRequest request = new ListChatsRequest(BearerTokenGate.clientId(ctx), bot, limit, after);
    Responses.page(ctx, bus.page(Addresses.BOTS_CHATS_LIST, request, RequestIds.get(ctx)),
      next -> "/bots/" + bot + "/chats?limit=" + limit + "&after=" + next);
  }

  void webhook(RoutingContext ctx) {
    Responses.reply(ctx, 200, bus.request(Addresses.BOTS_WEBHOOK_GET, bot(ctx), RequestIds.get(ctx)));
  }

  private static BotRequest bot(RoutingContext ctx) {
    return new BotRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"));
  }
}
