package io.botfactory.telegram;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Telegram's flood control on sendMessage, as its FAQ states the limits: more than 30 messages a
 * second from one bot, more than one a second to one private chat, or more than 20 a minute to
 * one group get {@code 429 Too Many Requests: retry after N}. Counted over sliding windows of the
 * messages the double took. Used under the double's state lock.
 */
final class DoubleFloodControl {

  static final int BOT_PER_SECOND = 30;
  static final int GROUP_PER_MINUTE = 20;
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;

  private final Map<Long, ArrayDeque<Long>> byBot = new HashMap<>();
  private final Map<String, ArrayDeque<Long>> byChat = new HashMap<>();
  private long limited;

  /** The seconds to wait when the message would pass a limit (nothing counted then), else 0 (the message counted). */
  int check(long botId, long chatId, boolean group) {
    long now = System.nanoTime();
    ArrayDeque<Long> bot = recent(byBot.computeIfAbsent(botId, b -> new ArrayDeque<>()), now - SECOND);
    String key = botId + "/" + chatId;
    ArrayDeque<Long> chat = recent(byChat.computeIfAbsent(key, c -> new ArrayDeque<>()), now - (group ? MINUTE : SECOND));
    int chatLimit = group ? GROUP_PER_MINUTE : 1;
    if (bot.size() >= BOT_PER_SECOND || chat.size() >= chatLimit) {
      limited++;
      long oldest = bot.size() >= BOT_PER_SECOND ? bot.peek() + SECOND : chat.peek() + (group ? MINUTE : SECOND);
      return (int) Math.max(1, (oldest - now + SECOND - 1) / SECOND);
    }
    bot.add(now);
    chat.add(now);
    return 0;
  }

  /** How many messages got a 429 so far. */
  long limited() {
    return limited;
  }

  private static ArrayDeque<Long> recent(ArrayDeque<Long> times, long since) {
    while (!times.isEmpty() && times.peek() < since) {
      times.poll();
    }
    return times;
  }
}
