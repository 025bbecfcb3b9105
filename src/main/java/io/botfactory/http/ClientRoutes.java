package io.botfactory.http;

import io.botfactory.bus.AuthClient;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /clients/me}. */
final class ClientRoutes {

  private final AuthClient auth;

  ClientRoutes(AuthClient auth) {
    this.auth = auth;
  }

  void me(RoutingContext ctx) {
    auth.client(BearerTokenGate.clientId(ctx), RequestIds.get(ctx))
      .onSuccess(client -> Responses.json(ctx, 200, client))
      .onFailure(ctx::fail);
  }
}
