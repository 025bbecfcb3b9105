package io.botfactory.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The signing secrets of the owners' event endpoints, as the Standard Webhooks specification has
 * them: {@code whsec_} and the base64 of random bytes, and a signature
 * {@code v1,<base64 of HMAC-SHA256 under the decoded bytes of "<id>.<timestamp>.<body>">}, one
 * per valid secret, space-separated.
 */
public final class EndpointSecrets {

  public static final String PREFIX = "whsec_";
  /** 32 random bytes: within the specification's 24 to 64, the size of the HMAC's own output. */
  static final int BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private EndpointSecrets() {
  }

  /** A new secret, shown to the owner once and kept sealed. */
  public static String generate() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /** The {@code webhook-signature} header's value for this delivery under each of {@code secrets}. */
  public static String signature(List<String> secrets, String id, long timestamp, byte[] body) {
    StringBuilder header = new StringBuilder();
    for (String secret : secrets) {
      if (header.length() > 0) {
        header.append(' ');
      }
      header.append("v1,").append(Base64.getEncoder().encodeToString(hmac(secret, id, timestamp, body)));
    }
    return header.toString();
  }

  private static byte[] hmac(String secret, String id, long timestamp, byte[] body) {
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
