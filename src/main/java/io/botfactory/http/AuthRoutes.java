package io.botfactory.http;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BusClient;
import io.botfactory.bus.LoginRequest;
import io.botfactory.bus.RegisterRequest;
import io.botfactory.http.openapi.Validated;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /auth/register} and {@code POST /auth/token}; their bodies were validated against the document. */
final class AuthRoutes {

  private final BusClient bus;

  AuthRoutes(BusClient bus) {
    this.bus = bus;
  }

  void register(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    RegisterRequest request = new RegisterRequest(body.getString("email"), body.getString("password"),
      body.getString("full_name"), ClientAddress.get(ctx));
    bus.request(Addresses.AUTH_REGISTER, request, RequestIds.get(ctx))
      .onSuccess(client -> Responses.created(ctx, "/clients/me", client))
      .onFailure(ctx::fail);
  }

  /** The OAuth2 password flow as FastAPI's OAuth2PasswordRequestForm takes it; JSON is accepted too. */
  void token(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    LoginRequest request = new LoginRequest(body.getString("username"), body.getString("password"), ClientAddress.get(ctx));
    Responses.reply(ctx, 200, bus.request(Addresses.AUTH_LOGIN, request, RequestIds.get(ctx)));
  }
}
