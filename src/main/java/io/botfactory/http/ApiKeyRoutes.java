package io.botfactory.http;

import io.botfactory.bus.ApiKeyRequest;
import io.botfactory.bus.AuthClient;
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

  private final AuthClient auth;

  ApiKeyRoutes(AuthClient auth) {
    this.auth = auth;
  }

  void create(RoutingContext ctx) {
    String key = ApiKeySecrets.generate();
    CreateApiKeyRequest request = new CreateApiKeyRequest(BearerTokenGate.clientId(ctx), Validated.body(ctx).getString("name"),
      ApiKeySecrets.hash(key));
    auth.createApiKey(request, RequestIds.get(ctx))
      .onSuccess(created -> Responses.json(ctx, 201, new JsonObject()
        .put("id", created.getString("id"))
        .put("name", created.getString("name"))
        .put("key", key)
        .put("created_at", created.getString("created_at"))
        .put("last_used_at", created.getValue("last_used_at"))))
      .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    auth.apiKeys(BearerTokenGate.clientId(ctx), RequestIds.get(ctx))
      .onSuccess(keys -> Responses.json(ctx, 200, keys.getJsonArray("api_keys")))
      .onFailure(ctx::fail);
  }

  /** The auth service answers the same 404 for another client's key, an unknown id and one that is not a UUID. */
  void revoke(RoutingContext ctx) {
    auth.deleteApiKey(new ApiKeyRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("key_id")), RequestIds.get(ctx))
      .onSuccess(v -> Responses.noContent(ctx))
      .onFailure(ctx::fail);
  }
}
