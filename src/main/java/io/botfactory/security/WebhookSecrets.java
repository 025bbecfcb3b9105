package io.botfactory.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

/**
 * Each bot's webhook secret, derived rather than stored: HMAC-SHA256 of the bot id under the
 * webhook key, as unpadded base64url (43 characters of {@code A-Z a-z 0-9 _ -}, which Telegram
 * accepts as a {@code secret_token}). Different for every bot, the same for the bot's whole life
 * unless the operator changes the key, and checkable by any HTTP node without a database round
 * trip. {@link #toString()} shows nothing.
 */
public final class WebhookSecrets {

  private static final String ALGORITHM = "HmacSHA256";
  /** Domain separation: this key derives webhook secrets and nothing else. */
  private static final byte[] LABEL = "botfactory-webhook-secret:".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;

  public WebhookSecrets(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the webhook key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /** The secret Telegram sends back with every update of this bot. */
  public String secret(UUID botId) {
    return BASE64URL.encodeToString(mac(botId));
  }

  /** Whether {@code presented} is the bot's secret, compared in constant time; null is never. */
  public boolean matches(UUID botId, String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(secret(botId).getBytes(StandardCharsets.US_ASCII),
      presented.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] mac(UUID botId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(LABEL);
      return mac.doFinal(ByteBuffer.allocate(16).putLong(botId.getMostSignificantBits())
        .putLong(botId.getLeastSignificantBits()).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSecrets[...]";
  }
}
