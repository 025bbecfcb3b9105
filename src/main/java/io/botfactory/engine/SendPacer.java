package io.botfactory.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The pace of one bot's messages, as Telegram allows it: at most {@code botPerSecond} a second
 * for the bot; to a private chat, the next one no sooner than {@code chatIntervalMs} after
 * Telegram answered the last (counted from the answer, so that a slow request does not squeeze
 * two together on Telegram's side); to a group, supergroup or channel, at most
 * {@value #GROUP_PER_MINUTE} in any minute. A {@code 429} holds back what it limited: the chat it
 * was sent to, for {@code retry_after}; the whole bot only when {@value #CHATS_FOR_BOT_LIMIT} or
 * more chats got one within a second (then the bot's own limit was hit, not a chat's). Broadcasts
 * take the bot's slots too, at most {@code broadcastPerSecond} a second, and wait for replies'
 * (a broadcast holds at most one slot ahead, replies take theirs as they come); a 429 to a
 * broadcast message pauses the broadcast's sending for its {@code retry_after}. Exact,
 * because one node at a time holds a bot, and one chat's messages go one at a time. Used on the
 * engine's event loop only.
 */
final class SendPacer {

  static final int GROUP_PER_MINUTE = 20;
  static final int CHATS_FOR_BOT_LIMIT = 3;
  private static final long SECOND = 1_000_000_000L;

  private final Vertx vertx;
  private final long botSpacing;
  private final long chatSpacing;
  /** The window of a group's limit: a minute (shorter in a test of the rule alone). */
  private final long groupWindow;
  /** Private chats: when each may get its next message. */
  private final Map<Long, Long> chatFree = new HashMap<>();
  /** Groups: when each of their last messages (up to 20) went out. */
  private final Map<Long, ArrayDeque<Long>> groupSent = new HashMap<>();
  /** Chats Telegram asked to wait, until when. */
  private final Map<Long, Long> chatPaused = new HashMap<>();
  /** When the last few 429s came, to tell a bot's limit from a chat's. */
  private final ArrayDeque<Long> recentLimits = new ArrayDeque<>();
  private final long broadcastSpacing;
  private long botFree;
  private long botPaused;
  private long broadcastFree;
  private long broadcastPaused;
  private int answers;

  SendPacer(Vertx vertx, int botPerSecond, int chatIntervalMs, int broadcastPerSecond) {
    this(vertx, botPerSecond, chatIntervalMs, broadcastPerSecond, 60_000);
  }

  SendPacer(Vertx vertx, int botPerSecond, int chatIntervalMs, int broadcastPerSecond, long groupWindowMs) {
    this.vertx = vertx;
    this.botSpacing = SECOND / botPerSecond;
    this.broadcastSpacing = SECOND / broadcastPerSecond;
    this.chatSpacing = chatIntervalMs * 1_000_000L;
    this.groupWindow = groupWindowMs * 1_000_000L;
  }

  /**
   * Completes with true when a message may be sent to {@code chatId} (a group's when
   * {@code group}); the bot's slot is then taken. At once with false, taking nothing, when that
   * moment lies after {@code deadline} (a {@link System#nanoTime()}): the message is not to wait
   * that long. The chat's own limits are waited for first, and only then is the bot's next slot
   * taken, so a chat that must wait holds none of the bot's slots meanwhile. The caller checks
   * again, after the wait, whether it still should send.
   */
  Future<Boolean> slot(long chatId, boolean group, long deadline) {
    return slot(chatId, group, deadline, false);
  }

  /** A slot for a broadcast's message to {@code chatId}: as {@link #slot}, within the broadcasts' own pace and pause. */
  Future<Boolean> broadcastSlot(long chatId, long deadline) {
    return slot(chatId, false, deadline, true);
  }

  private Future<Boolean> slot(long chatId, boolean group, long deadline, boolean broadcast) {
    long now = System.nanoTime();
    long chatAt = Math.max(now, chatPaused.getOrDefault(chatId, now));
    chatAt = Math.max(chatAt, group ? groupFree(chatId, now) : chatFree.getOrDefault(chatId, now));
    if (chatAt - deadline > 0) {
      return Future.succeededFuture(false);
    }
    if (broadcast) {
      chatAt = Math.max(chatAt, broadcastPaused);
    }
    long waitMs = (chatAt - now) / 1_000_000;
    if (waitMs <= 0) {
      return botSlot(chatId, group, deadline, broadcast);
    }
    return vertx.timer(waitMs).compose(v -> slot(chatId, group, deadline, broadcast));
  }

  /** The bot's next slot (and a broadcast's, for one), once the chat may have a message. */
  private Future<Boolean> botSlot(long chatId, boolean group, long deadline, boolean broadcast) {
    long now = System.nanoTime();
    long at = Math.max(now, Math.max(botFree, botPaused));
    if (broadcast) {
      at = Math.max(at, broadcastFree);
    }
    if (at - deadline > 0) {
      return Future.succeededFuture(false);
    }
    botFree = at + botSpacing;
    if (broadcast) {
      broadcastFree = at + broadcastSpacing;
    }
    if (group) {
      groupSent.computeIfAbsent(chatId, c -> new ArrayDeque<>()).add(at);
    }
    long waitMs = (at - now) / 1_000_000;
    return waitMs <= 0 ? Future.succeededFuture(true) : vertx.timer(waitMs).map(true);
  }

  /** Telegram answered the message to {@code chatId} (whatever it said): a private chat's next one waits from now. */
  void answered(long chatId, boolean group) {
    if (!group) {
      chatFree.put(chatId, System.nanoTime() + chatSpacing);
    }
    if (++answers % 1000 == 0) {
      forgetQuietChats(); // a broadcast answers thousands of chats once each
    }
  }

  /** Telegram asked a broadcast's message to wait: the broadcast sends nothing for {@code seconds}. */
  void pauseBroadcast(int seconds) {
    broadcastPaused = Math.max(broadcastPaused, System.nanoTime() + seconds * SECOND);
  }

  /** Telegram answered 429 for a message to {@code chatId}: that chat waits, or, when several chats got one, the bot. */
  void limited(long chatId, int seconds) {
    long now = System.nanoTime();
    long until = now + seconds * SECOND;
    chatPaused.merge(chatId, until, Math::max);
    recentLimits.add(now);
    while (!recentLimits.isEmpty() && recentLimits.peek() < now - SECOND) {
      recentLimits.poll();
    }
    if (recentLimits.size() >= CHATS_FOR_BOT_LIMIT) {
      botPaused = Math.max(botPaused, until);
    }
  }

  /** True when nothing is paced any more: no slot, pause or group window lies ahead. */
  boolean settled() {
    forgetQuietChats();
    long now = System.nanoTime();
    return chatFree.isEmpty() && groupSent.isEmpty() && chatPaused.isEmpty() && botFree < now && botPaused < now
      && broadcastPaused < now;
  }

  /** Forgets chats whose pace no longer holds anything back (keeps the maps small). */
  void forgetQuietChats() {
    long now = System.nanoTime();
    chatFree.values().removeIf(free -> free < now);
    chatPaused.values().removeIf(until -> until < now);
    groupSent.values().removeIf(sent -> sent.isEmpty() || sent.peekLast() < now - groupWindow);
  }

  /** When a group may get its next message: once the oldest of its last 20 is a minute old. */
  private long groupFree(long chatId, long now) {
    ArrayDeque<Long> sent = groupSent.get(chatId);
    if (sent == null) {
      return now;
    }
    while (!sent.isEmpty() && sent.peek() < now - groupWindow) {
      sent.poll();
    }
    return sent.size() < GROUP_PER_MINUTE ? now : sent.peek() + groupWindow;
  }
}
