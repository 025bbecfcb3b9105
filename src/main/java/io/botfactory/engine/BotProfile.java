package io.botfactory.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What answering a bot's updates needs of it, as of one {@code version} of the bot: whether it
 * exists and is active, its token, its username (to tell {@code /start@this_bot} from
 * {@code /start@another_bot}), its replies by command name and its fallback reply. Read once per
 * change of the bot, not per update ({@link Profiles}). {@link #toString()} hides the token.
 */
record BotProfile(UUID botId, long version, boolean exists, boolean active, String token, String username,
                  Map<String, String> replies, String fallbackReply) {

  /** A bot that no longer exists: nothing is sent for it again. */
  static BotProfile gone(UUID botId) {
    return new BotProfile(botId, Long.MAX_VALUE, false, false, null, null, Map.of(), null);
  }

  /** Decrypts a bot's token. */
  interface Tokens {
    String open(UUID botId, String keyId, byte[] ciphertext);
  }

  static BotProfile from(UUID botId, Row row, Tokens tokens) {
    String token = tokens.open(botId, row.getString("token_key_id"), row.getBuffer("token_ciphertext").getBytes());
    Map<String, String> replies = new HashMap<>();
    JsonArray commands = (JsonArray) row.getJson("commands");
    if (commands != null) {
      for (Object c : commands) {
        JsonObject command = (JsonObject) c;
        replies.put(command.getString("command").toLowerCase(Locale.ROOT), command.getString("reply"));
      }
    }
    return new BotProfile(botId, row.getLong("version"), true, row.getBoolean("is_active"), token,
      row.getString("telegram_username"), replies, row.getString("fallback_reply"));
  }

  /** Roughly the characters it keeps in memory, what the profile cache is bounded by. */
  int weight() {
    int chars = 64 + (fallbackReply == null ? 0 : fallbackReply.length());
    for (Map.Entry<String, String> reply : replies.entrySet()) {
      chars += reply.getKey().length() + reply.getValue().length() + 16;
    }
    return chars;
  }

  @Override
  public String toString() {
    return "BotProfile[botId=" + botId + ", version=" + version + ", active=" + active + ", username=" + username + "]";
  }
}
