package io.botfactory.security;

import io.botfactory.config.TokenKeySettings;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * AES-256-GCM for bot tokens at rest. Each ciphertext is {@code nonce(12) || ciphertext || tag(16)}
 * and is bound to its bot id (additional authenticated data), so a ciphertext copied onto another
 * row fails to decrypt instead of handing out the wrong bot's token. It encrypts with the current
 * key and decrypts with whichever key, current or older, the stored key id names, so that the key
 * can be rotated while tokens sealed with the old one are still read (and sealed again when
 * written).
 */
public final class TokenCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final String keyId;
  private final Map<String, SecretKeySpec> keys = new HashMap<>();
  private final SecureRandom random = new SecureRandom();

  public TokenCipher(byte[] key, String keyId) {
    this(key, keyId, Map.of());
  }

  /** {@code oldKeys}: the keys used before this one, by id, for decryption only. */
  public TokenCipher(byte[] key, String keyId, Map<String, byte[]> oldKeys) {
    this.key = aes(key);
    this.keyId = keyId;
    oldKeys.forEach((id, old) -> keys.put(id, aes(old)));
    keys.put(keyId, this.key);
  }

  /** The cipher of the configured keys. */
  public static TokenCipher of(TokenKeySettings settings) {
    return new TokenCipher(settings.bytes(), settings.id(), settings.oldKeyBytes());
  }

  private static SecretKeySpec aes(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("AES-256 needs a 32-byte key");
    }
    return new SecretKeySpec(key, "AES");
  }

  public String keyId() {
    return keyId;
  }

  /** Whether older keys are configured, that is whether some tokens may still need sealing again. */
  public boolean rotating() {
    return keys.size() > 1;
  }

  public byte[] encrypt(UUID botId, String token) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(botId));
      byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** The token; fails when the key it was sealed with is not configured, or the data was altered. */
  public String decrypt(UUID botId, String storedKeyId, byte[] ciphertext) {
    SecretKeySpec sealedWith = keys.get(storedKeyId);
    if (sealedWith == null) {
      throw new IllegalStateException("bot token sealed with key '" + storedKeyId + "', which is not configured");
    }
    if (ciphertext.length < NONCE_BYTES + TAG_BITS / 8) {
      // A damaged row: refused like any other that fails to decrypt, not with the JDK's IllegalArgumentException.
      throw new IllegalStateException("sealed value too short to decrypt");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, sealedWith, new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
      cipher.updateAAD(aad(botId));
      byte[] plain = cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("bot token could not be decrypted", e);
    }
  }

  private static byte[] aad(UUID botId) {
    return ByteBuffer.allocate(16).putLong(botId.getMostSignificantBits()).putLong(botId.getLeastSignificantBits()).array();
  }
}
