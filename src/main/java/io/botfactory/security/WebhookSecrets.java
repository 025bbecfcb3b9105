package io.botfactory.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Each bot's webhook secret, derived rather than stored: HMAC-SHA256 of the bot id under the
 * webhook key, as unpadded base64url (43 characters of {@code A-Z a-z 0-9 _ -}, which Telegram
 * accepts as a {@code secret_token}). Different for every bot, the same for the bot's whole life
 * unless the operator changes the key, and checkable by any HTTP node without a database round
 * trip. {@link #toString()} shows nothing.
 *
 * <p>Rotating the key: secrets derived from the keys used before it are still accepted, so that
 * Telegram's deliveries keep arriving while every webhook is set again with the current key's
 * secret; only the current key derives secrets.
 */
public final class WebhookSecrets {

  private static final String ALGORITHM = "HmacSHA256";
  /** Domain separation: this key derives webhook secrets and nothing else. */
  private static final byte[] LABEL = "botfactory-webhook-secret:".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;
  /** The current key first, then the older ones: each one's secret is accepted. */
  private final List<SecretKeySpec> accepted;

  public WebhookSecrets(byte[] key) {
    this(key, List.of());
  }

  /** {@code oldKeys}: the keys used before {@code key}, whose secrets are still accepted. */
  public WebhookSecrets(byte[] key, List<byte[]> oldKeys) {
    this.key = spec(key);
    List<SecretKeySpec> all = new ArrayList<>();
    all.add(this.key);
    oldKeys.forEach(old -> all.add(spec(old)));
    this.accepted = List.copyOf(all);
  }

  private static SecretKeySpec spec(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the webhook key must be 32 bytes");
    }
    return new SecretKeySpec(key, ALGORITHM);
  }

  /** The secret Telegram sends back with every update of this bot: the current key's. */
  public String secret(UUID botId) {
    return secret(key, botId);
  }

  /**
   * Whether {@code presented} is the bot's secret under the current key or an older one; null is
   * never. Each candidate is compared in constant time, and every one is compared whichever
   * matches, so the time taken tells nothing of which key (or how much of a secret) matched.
   */
  public boolean matches(UUID botId, String presented) {
    if (presented == null) {
      return false;
    }
    byte[] given = presented.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (SecretKeySpec candidate : accepted) {
      match |= MessageDigest.isEqual(secret(candidate, botId).getBytes(StandardCharsets.US_ASCII), given);
    }
    return match;
  }

  private static String secret(SecretKeySpec key, UUID botId) {
    return BASE64URL.encodeToString(mac(key, botId));
  }

  private static byte[] mac(SecretKeySpec key, UUID botId) {
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
