package io.botfactory.http;

import io.botfactory.bus.IntegrationClient;
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

  private final IntegrationClient integration;

  MessageRoutes(IntegrationClient integration) {
    this.integration = integration;
  }

  void send(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    String bot = ctx.pathParam("bot_id");
    SendMessageRequest request = new SendMessageRequest(BearerTokenGate.clientId(ctx), bot, body.getLong("chat_id"),
      body.getString("text"), body.getBoolean("silent", false), ctx.request().getHeader(IDEMPOTENCY_KEY));
    integration.send(request, RequestIds.get(ctx))
      .onSuccess(message -> {
        ctx.response().putHeader("Location", "/bots/" + bot + "/messages/" + message.getString("id"));
        Responses.json(ctx, 202, message);
      })
      .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    MessageRequest request = new MessageRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      ctx.pathParam("message_id"));
    integration.message(request, RequestIds.get(ctx))
      .onSuccess(message -> Responses.json(ctx, 200, message))
      .onFailure(ctx::fail);
  }
}
