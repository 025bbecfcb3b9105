package io.botfactory.http;

import io.botfactory.bus.AuthClient;
import io.botfactory.bus.LoginRequest;
import io.botfactory.bus.RegisterRequest;
import io.botfactory.http.openapi.Validated;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /auth/register} and {@code POST /auth/token}; their bodies were validated against the document. */
final class AuthRoutes {

  private final AuthClient auth;

  AuthRoutes(AuthClient auth) {
    this.auth = auth;
  }

  void register(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    auth.register(new RegisterRequest(body.getString("email"), body.getString("password"), body.getString("full_name"),
        ClientAddress.get(ctx)), RequestIds.get(ctx))
      .onSuccess(client -> Responses.created(ctx, "/clients/me", client))
      .onFailure(ctx::fail);
  }

  /** The OAuth2 password flow as FastAPI's OAuth2PasswordRequestForm takes it; JSON is accepted too. */
  void token(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    String source = ClientAddress.get(ctx);
    auth.login(new LoginRequest(body.getString("username"), body.getString("password"), source), RequestIds.get(ctx))
      .onSuccess(token -> Responses.json(ctx, 200, token))
      .onFailure(ctx::fail);
  }
}
