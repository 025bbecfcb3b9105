package io.botfactory.http;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BusClient;
import io.botfactory.bus.MessageRequest;
import io.botfactory.bus.SendMessageRequest;
import io.botfactory.http.openapi.Validated;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Messages the owner sends through the API: queued here (202), sent by the update engine's node
 * holding the bot after its replies and before its broadcasts, and read back with their outcome.
 */
final class MessageRoutes {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final BusClient bus;

  MessageRoutes(BusClient bus) {
    this.bus = bus;
  }

  void send(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    String bot = ctx.pathParam("bot_id");
    SendMessageRequest request = new SendMessageRequest(BearerTokenGate.clientId(ctx), bot, body.getLong("chat_id"),
      body.getString("text"), body.getBoolean("silent", false), ctx.request().getHeader(IDEMPOTENCY_KEY));
    bus.request(Addresses.INTEGRATION_MESSAGES_SEND, request, RequestIds.get(ctx))
      .onSuccess(message -> {
        ctx.response().putHeader("Location", "/bots/" + bot + "/messages/" + message.getString("id"));
        Responses.json(ctx, 202, message);
      })
      .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    MessageRequest request = new MessageRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      ctx.pathParam("message_id"));
    Responses.reply(ctx, 200, bus.request(Addresses.INTEGRATION_MESSAGES_GET, request, RequestIds.get(ctx)));
  }
}
