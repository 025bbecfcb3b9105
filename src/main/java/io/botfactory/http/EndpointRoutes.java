package io.botfactory.http;

import io.botfactory.bus.Address;
import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotRequest;
import io.botfactory.bus.CreateEndpointRequest;
import io.botfactory.bus.DeliveryRequest;
import io.botfactory.bus.EndpointRequest;
import io.botfactory.bus.IntegrationClient;
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

  private final IntegrationClient integration;

  EndpointRoutes(IntegrationClient integration) {
    this.integration = integration;
  }

  void create(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    String bot = ctx.pathParam("bot_id");
    CreateEndpointRequest request = new CreateEndpointRequest(BearerTokenGate.clientId(ctx), bot, body.getString("url"),
      body.getJsonArray("events"), body.getString("description"));
    integration.createEndpoint(request, RequestIds.get(ctx))
      .onSuccess(endpoint -> Responses.created(ctx, "/bots/" + bot + "/endpoints/" + endpoint.getString("id"), endpoint))
      .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    integration.endpoints(new BotRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id")), RequestIds.get(ctx))
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
    integration.endpoint(Addresses.INTEGRATION_ENDPOINTS_DELETE, endpoint(ctx), RequestIds.get(ctx))
      .onSuccess(v -> Responses.noContent(ctx))
      .onFailure(ctx::fail);
  }

  void update(RoutingContext ctx) {
    UpdateEndpointRequest request = new UpdateEndpointRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      ctx.pathParam("endpoint_id"), Validated.body(ctx));
    integration.updateEndpoint(request, RequestIds.get(ctx))
      .onSuccess(endpoint -> Responses.json(ctx, 200, endpoint))
      .onFailure(ctx::fail);
  }

  void deliveries(RoutingContext ctx) {
    String bot = ctx.pathParam("bot_id");
    String endpoint = ctx.pathParam("endpoint_id");
    int limit = AudienceRoutes.query(ctx, "limit", BotRoutes.MAX_PAGE);
    String status = AudienceRoutes.queryText(ctx, "status");
    ListDeliveriesRequest request = new ListDeliveriesRequest(BearerTokenGate.clientId(ctx), bot, endpoint, status, limit,
      AudienceRoutes.queryText(ctx, "after"));
    integration.deliveries(request, RequestIds.get(ctx))
      .onSuccess(page -> {
        if (page.nextAfter() != null) {
          ctx.response().putHeader("Link", "</bots/" + bot + "/endpoints/" + endpoint + "/deliveries?limit=" + limit
            + (status == null ? "" : "&status=" + status) + "&after=" + page.nextAfter() + ">; rel=\"next\"");
        }
        Responses.jsonText(ctx, 200, page.json());
      })
      .onFailure(ctx::fail);
  }

  void retry(RoutingContext ctx) {
    DeliveryRequest request = new DeliveryRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      ctx.pathParam("endpoint_id"), ctx.pathParam("delivery_id"));
    integration.retry(request, RequestIds.get(ctx))
      .onSuccess(delivery -> Responses.json(ctx, 202, delivery))
      .onFailure(ctx::fail);
  }

  void replay(RoutingContext ctx) {
    ReplayRequest request = new ReplayRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      ctx.pathParam("endpoint_id"), Validated.body(ctx).getString("since"));
    integration.replay(request, RequestIds.get(ctx))
      .onSuccess(replayed -> Responses.json(ctx, 202, replayed))
      .onFailure(ctx::fail);
  }

  private void one(RoutingContext ctx, Address<EndpointRequest> address, int status) {
    integration.endpoint(address, endpoint(ctx), RequestIds.get(ctx))
      .onSuccess(endpoint -> Responses.json(ctx, status, endpoint))
      .onFailure(ctx::fail);
  }

  private static EndpointRequest endpoint(RoutingContext ctx) {
    return new EndpointRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"), ctx.pathParam("endpoint_id"));
  }
}
