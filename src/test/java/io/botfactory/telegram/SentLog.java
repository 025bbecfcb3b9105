package io.botfactory.telegram;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * Every message the double accepted through sendMessage, in order of arrival, with the time the
 * request arrived (microseconds since the epoch, the machine's clock): what a load generator
 * needs to time an update from its sending to its reply without the cost of the full call
 * history. A ring of the last {@link #CAPACITY} messages, in parallel arrays (no object per
 * message); {@code seq} never restarts, so a reader notices what it missed. Guarded by the
 * {@link DoubleState}'s lock.
 */
final class SentLog {

  static final int CAPACITY = 1 << 20;

  private final int capacity;
  private final long[] bots;
  private final long[] chats;
  private final long[] micros;
  private final String[] texts;
  /** The seq of the last message logged (0: none yet); message {@code s} sits at {@code (s - 1) % capacity}. */
  private long last;
  /** The seq of the oldest message still kept. */
  private long first = 1;

  SentLog() {
    this(CAPACITY);
  }

  SentLog(int capacity) {
    this.capacity = capacity;
    bots = new long[capacity];
    chats = new long[capacity];
    micros = new long[capacity];
    texts = new String[capacity];
  }

  void add(long botId, long chatId, Instant receivedAt, String text) {
    int i = (int) (last % capacity);
    bots[i] = botId;
    chats[i] = chatId;
    micros[i] = receivedAt.getEpochSecond() * 1_000_000L + receivedAt.getNano() / 1_000;
    texts[i] = text;
    last++;
    first = Math.max(first, last - capacity + 1);
  }

  /** Forgets every message kept; the numbering goes on. */
  void clear() {
    first = last + 1;
  }

  /**
   * {@code {"first": oldest seq kept, "last": newest seq, "messages": [[seq, bot_id, chat_id,
   * received_at_us, text], ...]}}: at most {@code limit} messages after {@code since}, oldest first.
   */
  JsonObject after(long since, int limit) {
    JsonArray out = new JsonArray();
    for (long s = Math.max(since + 1, first); s <= last && out.size() < limit; s++) {
      int i = (int) ((s - 1) % capacity);
      out.add(new JsonArray().add(s).add(bots[i]).add(chats[i]).add(micros[i]).add(texts[i]));
    }
    return new JsonObject().put("first", first).put("last", last).put("messages", out);
  }
}
