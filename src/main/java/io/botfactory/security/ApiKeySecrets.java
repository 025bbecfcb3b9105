package io.botfactory.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * API keys: {@code bfk_} and 32 random bytes ({@link SecureRandom}) as unpadded base64url, 47
 * characters in all. The service knows a key only by its SHA-256 ({@link #hash}): made on the
 * HTTP node that shows the key once or that is shown it, so that the key itself never crosses
 * the event bus nor reaches the database. A plain hash suffices where a password needs Argon2
 * and a pepper: 256 random bits cannot be guessed, from a leaked hash or otherwise (see
 * docs/security.md, "API keys").
 */
public final class ApiKeySecrets {

  public static final String PREFIX = "bfk_";
  private static final int RANDOM_BYTES = 32;
  /** What {@link #generate} makes: the prefix and 43 characters of base64url (256 bits). */
  private static final Pattern FORMAT = Pattern.compile("bfk_[A-Za-z0-9_-]{43}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private ApiKeySecrets() {
  }

  /** A new key, to be shown once and never kept. */
  public static String generate() {
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    return PREFIX + BASE64URL.encodeToString(random);
  }

  /** Whether {@code candidate} has the form of a key; anything else is refused without a lookup. */
  public static boolean wellFormed(String candidate) {
    return candidate != null && FORMAT.matcher(candidate).matches();
  }

  /** The SHA-256 of the key's text, in lower-case hex: what the service knows the key by. */
  public static String hash(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The 32 bytes of a hash as {@link #hash} writes it, or null when {@code hash} is not one. */
  public static byte[] hashBytes(String hash) {
    return hash != null && HASH.matcher(hash).matches() ? HexFormat.of().parseHex(hash) : null;
  }
}
