import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the Telegram double took from a broadcast's bots for its recipients: every sendMessage it
 * accepted after a given seq ({@code GET /_double/sent}) to a recipient's chat, counted per bot
 * and chat (the bot's other messages, replies to other chats, left out). A chat with two
 * messages of the same bot was sent to twice. The double's 429s ({@code GET /_double/stats}).
 */
final class SentCount {

  /** Per bot (Telegram id), per chat: how many messages. */
  final Map<Long, Map<Long, Integer>> perChat = new HashMap<>();
  long messages;
  long firstUs = Long.MAX_VALUE;
  long lastUs;
  /** The first message after a moment (a kill), µs; 0: none. */
  long firstAfterUs;

  /** The newest seq of the double's sent log. */
  static long newestSeq(WebClient web, String doubleUrl) {
    return web.getAbs(doubleUrl + "/_double/sent?since=" + Long.MAX_VALUE / 2 + "&limit=1").send().await()
      .bodyAsJsonObject().getLong("last");
  }

  /** How many sendMessage calls the double answered 429 so far. */
  static long limited(WebClient web, String doubleUrl) {
    JsonObject byStatus = web.getAbs(doubleUrl + "/_double/stats").send().await().bodyAsJsonObject()
      .getJsonObject("by_status", new JsonObject());
    return byStatus.getLong("429", 0L);
  }

  /**
   * The messages after {@code since} of each bot (Telegram id) of {@code recipients} to its
   * recipients' chats; {@code afterUs}: the moment {@link #firstAfterUs} looks from.
   */
  static SentCount read(Vertx vertx, String doubleUrl, long since, Map<Long, Set<Long>> recipients, long afterUs) {
    WebClient web = WebClient.create(vertx);
    SentCount c = new SentCount();
    long seq = since;
    while (true) {
      JsonObject page = web.getAbs(doubleUrl + "/_double/sent?since=" + seq + "&limit=10000").send().await().bodyAsJsonObject();
      if (page.getLong("first") > seq + 1) {
        throw new IllegalStateException("the double's sent log no longer holds messages after " + seq);
      }
      JsonArray messages = page.getJsonArray("messages");
      if (messages.isEmpty()) {
        return c;
      }
      for (Object o : messages) {
        JsonArray m = (JsonArray) o;
        seq = m.getLong(0);
        long bot = m.getLong(1);
        if (recipients.getOrDefault(bot, Set.of()).contains(m.getLong(2))) {
          long at = m.getLong(3);
          c.messages++;
          c.perChat.computeIfAbsent(bot, b -> new HashMap<>()).merge(m.getLong(2), 1, Integer::sum);
          c.firstUs = Math.min(c.firstUs, at);
          c.lastUs = Math.max(c.lastUs, at);
          if (afterUs > 0 && at >= afterUs && (c.firstAfterUs == 0 || at < c.firstAfterUs)) {
            c.firstAfterUs = at;
          }
        }
      }
    }
  }

  /** Chats of {@code bot} sent to more than once. */
  Set<Long> twice(long bot) {
    Set<Long> out = new java.util.TreeSet<>();
    perChat.getOrDefault(bot, Map.of()).forEach((chat, n) -> {
      if (n > 1) {
        out.add(chat);
      }
    });
    return out;
  }

  /** How many chats of {@code bot} got at least one message. */
  int chats(long bot) {
    return perChat.getOrDefault(bot, Map.of()).size();
  }
}
