package io.botfactory.bots;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Telegram bot token, {@code <bot id>:<secret>}: the bot id is a positive 64-bit number, the
 * secret 30 to 64 characters of {@code A-Z a-z 0-9 _ -}. {@link #toString()} never shows the secret.
 */
public final class TelegramToken {

  private static final Pattern FORMAT = Pattern.compile("([0-9]{1,19}):([A-Za-z0-9_-]{30,64})");

  private final String value;
  private final long botId;

  private TelegramToken(String value, long botId) {
    this.value = value;
    this.botId = botId;
  }

  /** The parsed token, or null when {@code text} is not a well-formed Telegram bot token. */
  public static TelegramToken parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return null;
    }
    long id;
    try {
      id = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
    return id > 0 ? new TelegramToken(text, id) : null;
  }

  public long botId() {
    return botId;
  }

  /** The whole token, for encryption and for workers that call Telegram. */
  public String value() {
    return value;
  }

  /** The last four characters of the secret, the only part ever shown again. */
  public String last4() {
    return value.substring(value.length() - 4);
  }

  /** The contract's {@code token_hint}: the bot id and the secret's last four characters. */
  public static String hint(long botId, String last4) {
    return botId + ":\u2026" + last4;
  }

  @Override
  public String toString() {
    return hint(botId, last4());
  }
}
