package io.botfactory.http;

import io.botfactory.bus.Ids;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.JWTAuthHandler;

import java.util.List;
import java.util.UUID;

/**
 * The bearer-token gate on {@code /bots*} and {@code /clients*}, run before routing so that no
 * unauthenticated request is validated or reaches a service. Vert.x's {@link JWTAuthHandler}
 * checks signature, algorithm, expiry, issuer and audience; {@link #claims} adds the claims
 * BotFactory itself relies on ({@code sub} a client id, {@code exp} and {@code iat} present) and
 * puts the client id on the context. Whether that client still exists is settled by the service
 * query that follows, in the same round trip.
 */
final class BearerTokenGate implements AuthenticationHandler {

  /** The path prefixes the gate guards; every operation the document secures is under one of them. */
  static final List<String> PREFIXES = List.of("/bots", "/clients");

  private static final String CLIENT_ID = "botfactory.client";
  private static final String RUNNING = "botfactory.gate";

  private final JWTAuthHandler jwt;

  BearerTokenGate(JWTAuth auth) {
    this.jwt = JWTAuthHandler.create(auth);
  }

  static boolean guards(String path) {
    for (String prefix : PREFIXES) {
      if (path != null && path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!guards(ctx.normalizedPath())) {
      ctx.next();
      return;
    }
    ctx.put(RUNNING, true);
    jwt.handle(ctx);
  }

  /** Runs after the JWT handler accepted the token (and passes every request the gate does not guard). */
  void claims(RoutingContext ctx) {
    if (ctx.get(RUNNING) == null) {
      ctx.next();
      return;
    }
    JsonObject claims = ctx.user().attributes().getJsonObject("accessToken", new JsonObject());
    UUID client = Ids.uuid(claims.getValue("sub") instanceof String ? claims.getString("sub") : null);
    if (client == null || !(claims.getValue("exp") instanceof Number) || !(claims.getValue("iat") instanceof Number)) {
      ctx.fail(new HttpException(401, ErrorDetails.BAD_CREDENTIALS));
      return;
    }
    ctx.remove(RUNNING);
    ctx.put(CLIENT_ID, client.toString());
    ctx.next();
  }

  /** The verified caller; only called on routes behind the gate. */
  static String clientId(RoutingContext ctx) {
    return ctx.get(CLIENT_ID);
  }

  /**
   * The 401 detail for a failure raised while the gate ran, or null when the failure came from
   * elsewhere. No token (or not a bearer one) is "Not authenticated"; a token that fails any
   * check is "Could not validate credentials", whatever the JWT handler's own status was.
   */
  static String rejection(RoutingContext ctx) {
    if (ctx.get(RUNNING) == null) {
      return null;
    }
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null) {
      return ErrorDetails.NOT_AUTHENTICATED;
    }
    String trimmed = authorization.strip();
    int space = trimmed.indexOf(' ');
    String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
    String credentials = space < 0 ? "" : trimmed.substring(space + 1).strip();
    if (!scheme.equalsIgnoreCase("Bearer") || credentials.isEmpty()) {
      return ErrorDetails.NOT_AUTHENTICATED;
    }
    return ErrorDetails.BAD_CREDENTIALS;
  }
}
