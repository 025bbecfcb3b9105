package io.botfactory.http;

import io.botfactory.bus.AuthClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /auth/register} and {@code POST /auth/token}. */
final class AuthRoutes {

  private final AuthClient auth;

  AuthRoutes(AuthClient auth) {
    this.auth = auth;
  }

  void register(RoutingContext ctx) {
    Fields body = new Fields(Bodies.json(ctx), "body");
    String email = body.email("email");
    String password = body.string("password", false, 8, 256);
    String fullName = body.optionalString("full_name", false, 0, 128);
    body.check();
    auth.register(email, password, fullName, RequestIds.get(ctx))
      .onSuccess(client -> Responses.created(ctx, "/clients/me", client))
      .onFailure(ctx::fail);
  }

  /** The OAuth2 password flow as FastAPI's OAuth2PasswordRequestForm takes it; JSON is accepted too. */
  void token(RoutingContext ctx) {
    JsonObject form = Bodies.formOrJson(ctx);
    Fields body = new Fields(form, "body");
    String username = body.string("username", true, 1, 254);
    // Any password is tried: a wrong one, however long, is simply a failed login.
    String password = body.string("password", false, 1, Integer.MAX_VALUE);
    if (form.getValue("grant_type") != null && !"password".equals(form.getValue("grant_type"))) {
      body.invalid("grant_type", "String should match pattern '^password$'");
    }
    body.check();
    auth.login(username, password, ctx.request().remoteAddress().hostAddress(), RequestIds.get(ctx))
      .onSuccess(token -> Responses.json(ctx, 200, token))
      .onFailure(ctx::fail);
  }
}
