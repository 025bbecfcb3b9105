package io.botfactory.updates;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;

/**
 * The pace of one bot's replies, as Telegram allows it: at most {@code botPerSecond} messages a
 * second for the bot, a chat's next message no sooner than {@code chatIntervalMs} after Telegram
 * answered its last one (counted from the answer, so that a slow request does not squeeze the
 * two together on Telegram's side), and nothing at all while Telegram said to wait (a 429's
 * {@code retry_after}). Exact, because one worker at a time holds a bot, and one chat's messages
 * go one at a time; kept by the worker while it matters, so that a bot let go and taken up again
 * a moment later keeps its pace.
 */
final class SendPacer {

  private final Vertx vertx;
  private final long botSpacingNanos;
  private final long chatSpacingNanos;
  private final Map<Long, Long> chatFree = new HashMap<>();
  private long botFree;
  private long pausedUntil;

  SendPacer(Vertx vertx, int botPerSecond, int chatIntervalMs) {
    this.vertx = vertx;
    this.botSpacingNanos = 1_000_000_000L / botPerSecond;
    this.chatSpacingNanos = chatIntervalMs * 1_000_000L;
  }

  /** Completes when a message may be sent to {@code chatId}; the bot's slot is then taken. */
  Future<Void> slot(long chatId) {
    long now = System.nanoTime();
    long at = Math.max(now, Math.max(Math.max(botFree, pausedUntil), chatFree.getOrDefault(chatId, now)));
    botFree = at + botSpacingNanos;
    long waitMs = (at - now) / 1_000_000;
    if (waitMs <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    vertx.setTimer(waitMs, id -> promise.complete());
    return promise.future();
  }

  /** Telegram answered the message to {@code chatId} (whatever it said): the chat's next one waits from now. */
  void answered(long chatId) {
    chatFree.put(chatId, System.nanoTime() + chatSpacingNanos);
  }

  /** Telegram asked the bot to wait: no send for {@code seconds}. */
  void pause(int seconds) {
    pausedUntil = Math.max(pausedUntil, System.nanoTime() + seconds * 1_000_000_000L);
  }

  /** True when nothing is paced any more: no slot or pause lies in the future. */
  boolean settled() {
    forgetQuietChats();
    long now = System.nanoTime();
    return chatFree.isEmpty() && botFree < now && pausedUntil < now;
  }

  /** Forgets chats that have been quiet longer than the interval (keeps the map small). */
  void forgetQuietChats() {
    long now = System.nanoTime();
    chatFree.values().removeIf(free -> free < now);
  }
}
