package io.botfactory.updates;

import io.botfactory.telegram.AllowedUpdates;
import io.botfactory.telegram.TelegramClient;
import io.botfactory.telegram.TelegramOutcome;
import io.botfactory.telegram.UpdateEnvelope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Polling mode (no public URL): a long {@code getUpdates} loop for one bot its worker holds,
 * from the bot's stored offset, with the same {@code allowed_updates} as a webhook. What it gets
 * is stored exactly as the webhook route stores it, and the offset moves on in the same
 * transaction: Telegram forgets an update only once it is asked for the next offset, so an
 * update is always either stored or fetched again. Stopping leaves Telegram's pending updates
 * where they are, for the next poll after re-activation.
 */
final class Poller {

  private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
  private final Vertx vertx;
  private final BotRunner runner;
  private final UpdateStore store;
  private final TelegramClient telegram;
  private final Runnable onStored;
  private boolean started;
  private final int longPollSeconds;
  private long offset;
  private int failures;
  private boolean stopped;

  /** {@code longPollSeconds}: how long Telegram holds a getUpdates open when there is nothing to give. */
  Poller(Vertx vertx, BotRunner runner, UpdateStore store, TelegramClient telegram, int longPollSeconds,
         Runnable onStored) {
    this.longPollSeconds = longPollSeconds;
    this.vertx = vertx;
    this.runner = runner;
    this.store = store;
    this.telegram = telegram;
    this.onStored = onStored;
  }

  /** Starts polling from {@code fromOffset}, once: later calls do nothing. */
  void startOnce(long fromOffset) {
    if (!started) {
      started = true;
      offset = fromOffset;
      poll();
    }
  }

  /** No further getUpdates; one in flight is let run out, and what it brings is left with Telegram. */
  void stop() {
    stopped = true;
  }

  boolean stopped() {
    return stopped;
  }

  private void poll() {
    BotProfile bot = runner.profile();
    if (stopped || bot == null || !bot.active()) {
      stopped = true;
      return;
    }
    JsonObject params = new JsonObject().put("offset", offset).put("timeout", longPollSeconds)
      .put("allowed_updates", AllowedUpdates.json());
    telegram.call(bot.token(), "getUpdates", params, (longPollSeconds + 10) * 1000L).onComplete(ar -> {
      if (!stopped) {
        received(ar.result());
      }
    });
  }

  private void received(TelegramOutcome outcome) {
    switch (outcome.kind()) {
      case OK:
        JsonArray updates = ((TelegramOutcome.Ok) outcome).array();
        failures = 0;
        if (updates == null || updates.isEmpty()) {
          poll();
        } else {
          store(updates);
        }
        break;
      case TOKEN_REJECTED:
        LOG.info("Bot {}: Telegram rejected its token; polling stops until it changes", runner.botId());
        stopped = true;
        break;
      case RETRY_AFTER:
        later(((TelegramOutcome.RetryAfter) outcome).seconds() * 1000L);
        break;
      default:
        // 409: a webhook is still set (the webhook worker removes it) or another poll runs; or a passing failure.
        LOG.debug("Bot {}: getUpdates {}", runner.botId(), outcome.describe());
        later(Math.min(60_000L, 1000L << Math.min(failures++, 6)));
    }
  }

  private void store(JsonArray updates) {
    List<Long> ids = new ArrayList<>();
    List<Long> chats = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<String> payloads = new ArrayList<>();
    long next = offset;
    for (Object item : updates) {
      UpdateEnvelope update = item instanceof JsonObject ? UpdateEnvelope.of((JsonObject) item) : null;
      if (update == null) {
        continue; // not an update: nothing to store, and nothing to move the offset past
      }
      ids.add(update.updateId());
      chats.add(update.chatId());
      kinds.add(update.kind());
      payloads.add(((JsonObject) item).encode());
      next = Math.max(next, update.updateId() + 1);
    }
    long nextOffset = next;
    store.storePolled(runner.botId(), ids, chats, kinds, payloads, nextOffset).onComplete(ar -> {
      if (ar.succeeded() && ar.result()) {
        offset = nextOffset;
        onStored.run();
        poll();
      } else if (ar.succeeded()) {
        stopped = true; // the bot is no longer this worker's
      } else {
        LOG.warn("Bot {}: polled updates not stored ({}); asked again", runner.botId(), ar.cause().toString());
        later(1000);
      }
    });
  }

  private void later(long ms) {
    vertx.setTimer(ms, id -> poll());
  }
}
