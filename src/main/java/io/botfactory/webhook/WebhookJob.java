package io.botfactory.webhook;

import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;

import java.util.UUID;

/**
 * One claimed row of {@code webhooks}: the Telegram bot to bring to its state, with what that
 * takes. {@code token} is decrypted; {@code commands} is null when the bot never had a set (no
 * menu to publish), else the set (maybe empty). {@link #toString()} never shows the token.
 */
record WebhookJob(long telegramBotId, UUID botId, long generation, int attempts, Kind kind, String token,
                  byte[] tokenCiphertext, boolean tokenChecked, JsonArray commands) {

  /** What Telegram must be brought to. */
  enum Kind {
    /** An active bot: its webhook (or, polling, none) and its menu. */
    ACTIVE,
    /** An inactive bot: no webhook. */
    INACTIVE,
    /** A deleted bot's tombstone: no webhook, then its last token is erased. */
    DELETED
  }

  static WebhookJob from(Row row, Tokens tokens) {
    UUID botId = row.getUUID("bot_id");
    boolean gone = row.getBoolean("deleted") || !row.getBoolean("bot_exists");
    Kind kind = gone ? Kind.DELETED : row.getBoolean("is_active") ? Kind.ACTIVE : Kind.INACTIVE;
    String cipherColumn = gone ? "tombstone_ciphertext" : "token_ciphertext";
    String keyColumn = gone ? "tombstone_key_id" : "token_key_id";
    byte[] ciphertext = row.getBuffer(cipherColumn) == null ? null : row.getBuffer(cipherColumn).getBytes();
    String token = ciphertext == null ? null : open(tokens, botId, row.getString(keyColumn), ciphertext);
    return new WebhookJob(row.getLong("telegram_bot_id"), botId, row.getLong("generation"), row.getInteger("attempts"),
      kind, token, ciphertext, !gone && row.getBoolean("token_checked"), (JsonArray) row.getJson("commands"));
  }

  /** The token, or null when no configured key opens it (its row is then recorded as failing). */
  private static String open(Tokens tokens, UUID botId, String keyId, byte[] ciphertext) {
    try {
      return tokens.open(botId, keyId, ciphertext);
    } catch (IllegalStateException e) {
      return null;
    }
  }

  /** Decrypts a bot's token. */
  interface Tokens {
    String open(UUID botId, String keyId, byte[] ciphertext);
  }

  @Override
  public String toString() {
    return "WebhookJob[telegramBotId=" + telegramBotId + ", botId=" + botId + ", generation=" + generation
      + ", kind=" + kind + "]";
  }
}
