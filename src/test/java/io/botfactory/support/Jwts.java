package io.botfactory.support;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Hand-made JWTs, to probe the gate with exactly the header and claims a test wants. */
public final class Jwts {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Jwts() {
  }

  /** Claims a valid BotFactory token would carry for {@code clientId}, expiring in an hour. */
  public static JsonObject claims(String clientId) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("sub", clientId).put("iat", now).put("exp", now + 3600)
      .put("iss", "botfactory").put("aud", "botfactory-api");
  }

  /** Signs with HMAC {@code alg} (HS256, HS384, HS512) under {@code secret}. */
  public static String sign(String alg, JsonObject claims, String secret) {
    String signingInput = part(new JsonObject().put("alg", alg).put("typ", "JWT")) + "." + part(claims);
    String javaAlg = "Hmac" + "SHA" + alg.substring(2);
    try {
      Mac mac = Mac.getInstance(javaAlg);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), javaAlg));
      return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sign(JsonObject claims) {
    return sign("HS256", claims, TestStack.JWT_SECRET);
  }

  /** An unsigned token: {@code alg: none} and an empty signature. */
  public static String unsigned(JsonObject claims) {
    return part(new JsonObject().put("alg", "none").put("typ", "JWT")) + "." + part(claims) + ".";
  }

  private static String part(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
