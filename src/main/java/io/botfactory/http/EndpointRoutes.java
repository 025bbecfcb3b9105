package io.botfactory.http;

import io.botfactory.bus.Address;
import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotRequest;
import io.botfactory.bus.BusClient;
import io.botfactory.bus.CreateEndpointRequest;
import io.botfactory.bus.DeliveryRequest;
import io.botfactory.bus.EndpointRequest;
import io.botfactory.bus.ListDeliveriesRequest;
import io.botfactory.bus.ReplayRequest;
import io.botfactory.bus.UpdateEndpointRequest;
import io.botfactory.http.openapi.Validated;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A bot's event endpoints, for its owner: create (the secret shown once), list, read, change,
 * delete, rotate the secret; and each endpoint's delivery log, one delivery sent again, or every
 * failed one since a time. The delivery workers deliver; these routes only keep and steer.
 */
final class EndpointRoutes {

  private final BusClient bus;

  EndpointRoutes(BusClient bus) {
    this.bus = bus;
  }

  void create(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    String bot = ctx.pathParam("bot_id");
    CreateEndpointRequest request = new CreateEndpointRequest(BearerTokenGate.clientId(ctx), bot, body.getString("url"),
      body.getJsonArray("events"), body.getString("description"));
    bus.request(Addresses.INTEGRATION_ENDPOINTS_CREATE, request, RequestIds.get(ctx))
      .onSuccess(endpoint -> Responses.created(ctx, "/bots/" + bot + "/endpoints/" + endpoint.getString("id"), endpoint))
      .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    BotRequest request = new BotRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"));
    bus.page(Addresses.INTEGRATION_ENDPOINTS_LIST, request, RequestIds.get(ctx))
      .onSuccess(page -> Responses.jsonText(ctx, 200, page.json()))
      .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    one(ctx, Addresses.INTEGRATION_ENDPOINTS_GET, 200);
  }

  void rotateSecret(RoutingContext ctx) {
    one(ctx, Addresses.INTEGRATION_ENDPOINTS_ROTATE, 200);
  }

  void delete(RoutingContext ctx) {
    bus.request(Addresses.INTEGRATION_ENDPOINTS_DELETE, endpoint(ctx), RequestIds.get(ctx))
      .onSuccess(v -> Responses.noContent(ctx))
      .onFailure(ctx::fail);
  }

  void update(RoutingContext ctx) {
    UpdateEndpointRequest request = new UpdateEndpointRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      ctx.pathParam("endpoint_id"), Validated.body(ctx));
    Responses.reply(ctx, 200, bus.request(Addresses.INTEGRATION_ENDPOINTS_UPDATE, request, RequestIds.get(ctx)));
  }

  void deliveries(RoutingContext ctx) {
    String bot = ctx.pathParam("bot_id");
    String endpoint = ctx.pathParam("endpoint_id");
    int limit = AudienceRoutes.query(ctx, "limit", BotRoutes.MAX_PAGE);
    String status = AudienceRoutes.queryText(ctx, "status");
    ListDeliveriesRequest request = new ListDeliveriesRequest(BearerTokenGate.clientId(ctx), bot, endpoint, status, limit,
      AudienceRoutes.queryText(ctx, "after"));
    Responses.page(ctx, bus.page(Addresses.INTEGRATION_DELIVERIES_LIST, request, RequestIds.get(ctx)),
      next -> "/bots/" + bot + "/endpoints/" + endpoint + "/deliveries?limit=" + limit
        + (status == null ? "" : "&status=" + status) + "&after=" + next);
  }

  void retry(RoutingContext ctx) {
    DeliveryRequest request = new DeliveryRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      ctx.pathParam("endpoint_id"), ctx.pathParam("delivery_id"));
    Responses.reply(ctx, 202, bus.request(Addresses.INTEGRATION_DELIVERIES_RETRY, request, RequestIds.get(ctx)));
  }

  void replay(RoutingContext ctx) {
    ReplayRequest request = new ReplayRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      ctx.pathParam("endpoint_id"), Validated.body(ctx).getString("since"));
    Responses.reply(ctx, 202, bus.request(Addresses.INTEGRATION_ENDPOINTS_REPLAY, request, RequestIds.get(ctx)));
  }

  private void one(RoutingContext ctx, Address<EndpointRequest> address, int status) {
    Responses.reply(ctx, status, bus.request(address, endpoint(ctx), RequestIds.get(ctx)));
  }

  private static EndpointRequest endpoint(RoutingContext ctx) {
    return new EndpointRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"), ctx.pathParam("endpoint_id"));
  }
}
