package io.botfactory.updates;

import io.botfactory.telegram.TelegramClient;
import io.botfactory.telegram.TelegramOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Handles one update of a bot: decides the answer ({@link ReplyPolicy}), sends it at Telegram's
 * pace, and records the outcome with the update and its chat. A 429 waits and sends again; a 403
 * marks the chat blocked; any other 4xx is recorded, not retried; a 5xx or a network failure
 * makes the update wait for a later try (its chat with it), for up to {@value #GIVE_UP_MINUTES}
 * minutes after it was stored, then it is recorded as dropped.
 */
final class UpdateHandler {

  private static final Logger LOG = LoggerFactory.getLogger(UpdateHandler.class);
  static final long GIVE_UP_MINUTES = 10;
  private static final long RECORD_RETRY_MS = 500;

  private final Vertx vertx;
  private final UUID botId;
  private final long leaseMs;
  private final UpdateStore store;
  private final TelegramClient telegram;
  private final SendPacer pacer;
  private final UpdateMetrics metrics;

  /** {@code leaseMs}: how long the worker's hold on the bot lasts unrenewed. */
  UpdateHandler(Vertx vertx, UUID botId, long leaseMs, UpdateStore store, TelegramClient telegram, SendPacer pacer,
                UpdateMetrics metrics) {
    this.vertx = vertx;
    this.botId = botId;
    this.leaseMs = leaseMs;
    this.store = store;
    this.telegram = telegram;
    this.pacer = pacer;
    this.metrics = metrics;
  }

  /** True when the chat may go on to its next update; false when this one must wait for a later try. */
  Future<Boolean> handle(StoredUpdate update, BotProfile profile) {
    JsonObject json;
    try {
      json = new JsonObject(update.payload());
    } catch (DecodeException | ClassCastException e) {
      return record(update, "none", "the update is not a JSON object", null, null);
    }
    ChatOf chat = ChatOf.of(update.kind(), json);
    Boolean unblocked = chat != null && chat.writes() ? Boolean.FALSE : null;
    if (!profile.active()) {
      return record(update, "skipped", "the bot is inactive", chat, null);
    }
    String text = ReplyPolicy.reply(json, profile);
    if (text == null || chat == null) {
      return record(update, "none", null, chat, unblocked);
    }
    return send(update, chat, text, unblocked, profile.token());
  }

  private Future<Boolean> send(StoredUpdate update, ChatOf chat, String text, Boolean unblocked, String token) {
    JsonObject message = new JsonObject().put("chat_id", chat.id()).put("text", text);
    return pacer.slot(chat.id())
      .compose(v -> telegram.call(token, "sendMessage", message))
      .compose(outcome -> {
        pacer.answered(chat.id());
        switch (outcome.kind()) {
          case OK:
            return record(update, "sent", null, chat, unblocked);
          case BLOCKED:
            return record(update, "blocked", outcome.describe(), chat, Boolean.TRUE);
          case RETRY_AFTER:
            metrics.reply("rate_limited");
            pacer.pause(((TelegramOutcome.RetryAfter) outcome).seconds());
            return send(update, chat, text, unblocked, token);
          case PASSING:
            return retryOrDrop(update, chat, outcome, unblocked);
          default:
            return record(update, "failed", outcome.describe(), chat, unblocked);
        }
      });
  }

  /** A 5xx or a network failure: tried again with back-off, for up to ten minutes after it was stored. */
  private Future<Boolean> retryOrDrop(StoredUpdate update, ChatOf chat, TelegramOutcome outcome, Boolean unblocked) {
    OffsetDateTime giveUp = update.receivedAt().plus(Duration.ofMinutes(GIVE_UP_MINUTES));
    if (OffsetDateTime.now().isAfter(giveUp)) {
      return record(update, "dropped", outcome.describe(), chat, unblocked);
    }
    metrics.reply("retried");
    long wait = Math.min(60, 1L << Math.min(update.attempts(), 6));
    return store.later(botId, update, wait, outcome.describe()).map(false);
  }

  /**
   * Writes the outcome. A write that fails (the database away a moment, its pool busy past its
   * wait) is tried again every {@value #RECORD_RETRY_MS} ms for as long as the worker's hold on
   * the bot lasts unrenewed: until then no other worker can take the update up, and once Telegram
   * has the reply, giving up sooner would send it again after the next read. Past that the
   * failure stands, and the update is handled again like any unrecorded one.
   */
  private Future<Boolean> record(StoredUpdate update, String reply, String why, ChatOf chat, Boolean blocked) {
    long until = System.nanoTime() + leaseMs * 1_000_000L;
    return write(update, reply, why, chat, blocked, until).map(lag -> {
      if (lag != null) {
        metrics.reply(reply);
        metrics.lag(lag);
      } else {
        LOG.debug("Update {} of bot {}: outcome not recorded (no longer held, or handled already)", update.updateId(), botId);
      }
      return true;
    });
  }

  /** The handling lag, or null when nothing was written (see {@link UpdateStore#handled}). */
  private Future<Double> write(StoredUpdate update, String reply, String why, ChatOf chat, Boolean blocked, long until) {
    return store.handled(botId, update, reply, why, chat, blocked).recover(e -> {
      if (System.nanoTime() + RECORD_RETRY_MS * 1_000_000L >= until) {
        return Future.failedFuture(e);
      }
      LOG.warn("Bot {}: the outcome of update {} ({}) not written yet ({}); writing it again", botId, update.updateId(),
        reply, e.toString());
      return vertx.timer(RECORD_RETRY_MS).compose(v -> write(update, reply, why, chat, blocked, until));
    });
  }
}
