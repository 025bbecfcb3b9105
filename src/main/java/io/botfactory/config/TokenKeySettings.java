package io.botfactory.config;

import java.util.Base64;

import static io.botfactory.config.ConfigKey.TOKEN_KEY;
import static io.botfactory.config.ConfigKey.TOKEN_KEY_ID;

/** The AES-256 key for bot tokens, base64 in configuration, with the id stored beside each ciphertext. */
public record TokenKeySettings(String base64, String id) {

  static TokenKeySettings read(ConfigReader r) {
    return new TokenKeySettings(r.text(TOKEN_KEY), r.nonBlank(TOKEN_KEY_ID));
  }

  public boolean configured() {
    return !base64.isEmpty();
  }

  public byte[] bytes() {
    return Base64.getDecoder().decode(base64);
  }

  TokenKeySettings withKey(String newBase64) {
    return new TokenKeySettings(newBase64, id);
  }
}
