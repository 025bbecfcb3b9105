package io.botfactory.http;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.ApiKeyRequest;
import io.botfactory.bus.BusClient;
import io.botfactory.bus.ClientRequest;
import io.botfactory.bus.CreateApiKeyRequest;
import io.botfactory.http.openapi.Validated;
import io.botfactory.security.ApiKeySecrets;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST/GET /clients/me/api-keys} and {@code DELETE /clients/me/api-keys/{key_id}}, behind
 * the gate's login token only. A new key is made here and its hash alone goes to the auth
 * service: the key is in this answer and nowhere else, ever.
 */
final class ApiKeyRoutes {

  private final BusClient bus;

  ApiKeyRoutes(BusClient bus) {
    this.bus = bus;
  }

  void create(RoutingContext ctx) {
    String key = ApiKeySecrets.generate();
    CreateApiKeyRequest request = new CreateApiKeyRequest(BearerTokenGate.clientId(ctx), Validated.body(ctx).getString("name"),
      ApiKeySecrets.hash(key));
    bus.request(Addresses.AUTH_APIKEYS_CREATE, request, RequestIds.get(ctx))
      .onSuccess(created -> Responses.json(ctx, 201, new JsonObject()
        .put("id", created.getString("id"))
        .put("name", created.getString("name"))
        .put("key", key)
        .put("created_at", created.getString("created_at"))
        .put("last_used_at", created.getValue("last_used_at"))))
      .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    Responses.reply(ctx, 200, bus.request(Addresses.AUTH_APIKEYS_LIST, new ClientRequest(BearerTokenGate.clientId(ctx)),
      RequestIds.get(ctx)).map(keys -> keys.getJsonArray("api_keys")));
  }

  /** The auth service answers the same 404 for another client's key, an unknown id and one that is not a UUID. */
  void revoke(RoutingContext ctx) {
    ApiKeyRequest request = new ApiKeyRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("key_id"));
    bus.request(Addresses.AUTH_APIKEYS_DELETE, request, RequestIds.get(ctx))
      .onSuccess(v -> Responses.noContent(ctx))
      .onFailure(ctx::fail);
  }
}
