package io.botfactory.http;

import io.botfactory.bus.BotRequest;
import io.botfactory.bus.BotsClient;
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

  private final BotsClient bots;

  BotTelegramRoutes(BotsClient bots) {
    this.bots = bots;
  }

  void commands(RoutingContext ctx) {
    bots.commands(bot(ctx), RequestIds.get(ctx))
      .onSuccess(set -> Responses.json(ctx, 200, set))
      .onFailure(ctx::fail);
  }

  /** The document checked each field's form; the storage service checks names, lengths and what it can store. */
  void putCommands(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    PutCommandsRequest request = new PutCommandsRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      body.getJsonArray("commands"), body.getString("fallback_reply"));
    bots.putCommands(request, RequestIds.get(ctx))
      .onSuccess(set -> Responses.json(ctx, 200, set))
      .onFailure(ctx::fail);
  }

  void chats(RoutingContext ctx) {
    RequestParameter limitParam = Validated.query(ctx, "limit");
    RequestParameter afterParam = Validated.query(ctx, "after");
    int limit = limitParam == null ? BotRoutes.MAX_PAGE : limitParam.getInteger();
    Long after = afterParam == null ? null : afterParam.getLong();
    String bot = ctx.pathParam("bot_id");
    bots.chats(new ListChatsRequest(BearerTokenGate.clientId(ctx), bot, limit, after), RequestIds.get(ctx))
      .onSuccess(page -> {
        if (page.nextAfter() != null) {
          ctx.response().putHeader("Link", "</bots/" + bot + "/chats?limit=" + limit + "&after=" + page.nextAfter()
            + ">; rel=\"next\"");
        }
        Responses.jsonText(ctx, 200, page.json());
      })
      .onFailure(ctx::fail);
  }

  void webhook(RoutingContext ctx) {
    bots.webhook(bot(ctx), RequestIds.get(ctx))
      .onSuccess(view -> Responses.json(ctx, 200, view))
      .onFailure(ctx::fail);
  }

  private static BotRequest bot(RoutingContext ctx) {
    return new BotRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"));
  }
}
