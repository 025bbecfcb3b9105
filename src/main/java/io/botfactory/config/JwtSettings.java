package io.botfactory.config;

import static io.botfactory.config.ConfigKey.JWT_ALGORITHM;
import static io.botfactory.config.ConfigKey.JWT_AUDIENCE;
import static io.botfactory.config.ConfigKey.JWT_ISSUER;
import static io.botfactory.config.ConfigKey.JWT_LEEWAY_S;
import static io.botfactory.config.ConfigKey.JWT_SECRET;
import static io.botfactory.config.ConfigKey.JWT_TTL_S;

/** The access tokens: HMAC secret and algorithm, the claims checked, lifetime and clock-skew leeway. */
public record JwtSettings(String secret, String algorithm, String issuer, String audience, int ttlSeconds,
                          int leewaySeconds) {

  static JwtSettings read(ConfigReader r) {
    return new JwtSettings(
      r.text(JWT_SECRET),
      r.oneOf(JWT_ALGORITHM, "HS256", "HS384", "HS512"),
      r.nonBlank(JWT_ISSUER),
      r.nonBlank(JWT_AUDIENCE),
      r.intAtLeast(JWT_TTL_S, 60),
      r.intAtLeast(JWT_LEEWAY_S, 0));
  }

  public boolean configured() {
    return !secret.isEmpty();
  }

  /** RFC 7518 §3.2: a key at least as long as the hash, 32, 48 or 64 bytes for HS256, HS384 and HS512. */
  public int minSecretBytes() {
    return Integer.parseInt(algorithm.substring(2)) / 8;
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "JwtSettings[algorithm=" + algorithm + ", issuer=" + issuer + ", audience=" + audience + "]";
  }

  JwtSettings withSecret(String newSecret) {
    return new JwtSettings(newSecret, algorithm, issuer, audience, ttlSeconds, leewaySeconds);
  }
}
