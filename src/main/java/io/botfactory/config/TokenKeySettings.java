package io.botfactory.config;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.botfactory.config.ConfigKey.TOKEN_KEYS_OLD;
import static io.botfactory.config.ConfigKey.TOKEN_KEY;
import static io.botfactory.config.ConfigKey.TOKEN_KEY_ID;

/**
 * The AES-256 key for bot tokens, base64 in configuration, with the id stored beside each
 * ciphertext; and the keys used before it, by id, which still decrypt the tokens they sealed
 * until those are written again (docs/security.md, "Rotating the token key").
 */
public record TokenKeySettings(String base64, String id, Map<String, String> oldKeys) {

  static TokenKeySettings read(ConfigReader r) {
    String id = r.nonBlank(TOKEN_KEY_ID);
    Map<String, String> old = new LinkedHashMap<>();
    for (String entry : r.list(TOKEN_KEYS_OLD)) {
      int colon = entry.indexOf(':');
      String oldId = colon < 0 ? "" : entry.substring(0, colon).strip();
      if (oldId.isEmpty() || colon == entry.length() - 1) {
        throw new ConfigException(TOKEN_KEYS_OLD + " must be comma-separated <key id>:<base64 key> entries");
      }
      if (oldId.equals(id) || old.containsKey(oldId)) {
        throw new ConfigException(TOKEN_KEYS_OLD + " names key id '" + oldId + "' twice, or the current "
          + TOKEN_KEY_ID + " again");
      }
      old.put(oldId, entry.substring(colon + 1).strip());
    }
    return new TokenKeySettings(r.text(TOKEN_KEY), id, Map.copyOf(old));
  }

  public boolean configured() {
    return !base64.isEmpty();
  }

  public byte[] bytes() {
    return Base64.getDecoder().decode(base64);
  }

  /** The older keys, decoded, by id. */
  public Map<String, byte[]> oldKeyBytes() {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    oldKeys.forEach((oldId, key) -> keys.put(oldId, Base64.getDecoder().decode(key)));
    return keys;
  }

  TokenKeySettings withKey(String newBase64) {
    return new TokenKeySettings(newBase64, id, oldKeys);
  }

  /** Never the keys. */
  @Override
  public String toString() {
    return "TokenKeySettings[id=" + id + ", oldKeyIds=" + oldKeys.keySet() + "]";
  }
}
