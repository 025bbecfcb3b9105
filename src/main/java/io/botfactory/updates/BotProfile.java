package io.botfactory.updates;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What handling a bot's updates needs of it, read afresh for each batch, so every update stored
 * after a command set was saved is answered with that set: whether it is active, its token, its
 * username (to tell {@code /start@this_bot} from {@code /start@another_bot}), its replies by
 * command name, its fallback reply, and where polling is. {@link #toString()} hides the token.
 */
record BotProfile(UUID botId, boolean active, String token, String username, Map<String, String> replies,
                  String fallbackReply, long pollOffset) {

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
    Long offset = row.getLong("poll_offset");
    return new BotProfile(botId, row.getBoolean("is_active"), token, row.getString("telegram_username"), replies,
      row.getString("fallback_reply"), offset == null ? 0 : offset);
  }

  @Override
  public String toString() {
    return "BotProfile[botId=" + botId + ", active=" + active + ", username=" + username + "]";
  }
}
