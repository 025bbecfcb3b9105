package io.botfactory.security;

import io.botfactory.config.JwtSettings;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.util.List;

/**
 * The one way BotFactory builds its {@link JWTAuth}, for signing (auth nodes) and verifying
 * (HTTP nodes) alike: one HMAC key, so only the configured algorithm verifies and {@code none}
 * never does; issuer and audience set, so Vert.x checks them; expiry with a small leeway for
 * clock skew between nodes.
 */
public final class JwtFactory {

  private JwtFactory() {
  }

  public static JWTAuth create(Vertx vertx, JwtSettings jwt) {
    JWTOptions options = new JWTOptions()
      .setAlgorithm(jwt.algorithm())
      .setIssuer(jwt.issuer())
      .setAudience(List.of(jwt.audience()))
      .setExpiresInSeconds(jwt.ttlSeconds())
      .setLeeway(jwt.leewaySeconds());
    JWTAuthOptions auth = new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(jwt.algorithm()).setBuffer(jwt.secret()))
      .setJWTOptions(options);
    return JWTAuth.create(vertx, auth);
  }
}
