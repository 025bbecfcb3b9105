package io.botfactory.http;

import io.botfactory.bus.Address;
import io.botfactory.bus.Addresses;
import io.botfactory.bus.BroadcastRequest;
import io.botfactory.bus.BusClient;
import io.botfactory.bus.CreateBroadcastRequest;
import io.botfactory.bus.ListBroadcastsRequest;
import io.botfactory.bus.ListRecipientsRequest;
import io.botfactory.http.openapi.Validated;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A bot's broadcasts, for its owner: create, list, read, pause, resume, cancel, and the export of
 * a broadcast's recipients. The update engine sends them; these routes only schedule and steer.
 */
final class BroadcastRoutes {

  private final BusClient bus;

  BroadcastRoutes(BusClient bus) {
    this.bus = bus;
  }

  void create(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    String bot = ctx.pathParam("bot_id");
    CreateBroadcastRequest request = new CreateBroadcastRequest(BearerTokenGate.clientId(ctx), bot, body.getString("text"),
      body.getBoolean("silent", false), body.getJsonObject("segment"), body.getString("send_at"));
    bus.request(Addresses.AUDIENCE_BROADCASTS_CREATE, request, RequestIds.get(ctx))
      .onSuccess(broadcast -> Responses.created(ctx, "/bots/" + bot + "/broadcasts/" + broadcast.getString("id"), broadcast))
      .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    String bot = ctx.pathParam("bot_id");
    int limit = AudienceRoutes.query(ctx, "limit", BotRoutes.MAX_PAGE);
    ListBroadcastsRequest request = new ListBroadcastsRequest(BearerTokenGate.clientId(ctx), bot, limit,
      AudienceRoutes.queryText(ctx, "after"));
    Responses.page(ctx, bus.page(Addresses.AUDIENCE_BROADCASTS_LIST, request, RequestIds.get(ctx)),
      next -> "/bots/" + bot + "/broadcasts?limit=" + limit + "&after=" + next);
  }

  void get(RoutingContext ctx) {
    steer(ctx, Addresses.AUDIENCE_BROADCASTS_GET);
  }

  void pause(RoutingContext ctx) {
    steer(ctx, Addresses.AUDIENCE_BROADCASTS_PAUSE);
  }

  void resume(RoutingContext ctx) {
    steer(ctx, Addresses.AUDIENCE_BROADCASTS_RESUME);
  }

  void cancel(RoutingContext ctx) {
    steer(ctx, Addresses.AUDIENCE_BROADCASTS_CANCEL);
  }

  void exportRecipients(RoutingContext ctx) {
    String client = BearerTokenGate.clientId(ctx);
    String bot = ctx.pathParam("bot_id");
    String broadcast = ctx.pathParam("broadcast_id");
    CsvDownload.send(ctx, "recipients-" + broadcast + ".csv", after -> bus.page(Addresses.AUDIENCE_RECIPIENTS_CSV, new ListRecipientsRequest(
      client, bot, broadcast, CsvDownload.PAGE, after == null ? null : Long.valueOf(after)), RequestIds.get(ctx)));
  }

  /** One broadcast, read or moved on by {@code address}; answered as it is then. */
  private void steer(RoutingContext ctx, Address<BroadcastRequest> address) {
    BroadcastRequest request = new BroadcastRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      ctx.pathParam("broadcast_id"));
    Responses.reply(ctx, 200, bus.request(address, request, RequestIds.get(ctx)));
  }
}
