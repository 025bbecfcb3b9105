package io.botfactory.engine;

import io.botfactory.bus.BusJson;
import io.botfactory.bus.IncomingUpdate;
import io.botfactory.telegram.AllowedUpdates;
import io.botfactory.telegram.TelegramOutcome;
import io.botfactory.telegram.UpdateEnvelope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Polling mode (no public URL): a long {@code getUpdates} loop for one bot this node holds, from
 * the bot's stored offset, with the same {@code allowed_updates} as a webhook. What it gets is
 * stored exactly as the webhook route stores it, and the offset moves on in the same
 * transaction: Telegram forgets an update only once it is asked for the next offset, so an
 * update is always either stored or fetched again. Stored updates go straight to the bot's
 * runner. An update this service cannot use is stored nowhere, and the offset still moves past
 * it (a batch of nothing else must not be fetched again and again). Stopping leaves Telegram's
 * pending updates where they are, for the next poll after re-activation.
 */
final class Poller {

  private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
  private final Engine engine;
  private final BotRunner runner;
  private final Runnable onStopped;
  private long offset;
  private int failures;
  private boolean stopped;
  private boolean started;

  /** {@code onStopped}: called when polling stops on its own (the bot inactive or gone, its token rejected, not held). */
  Poller(Engine engine, BotRunner runner, long offset, Runnable onStopped) {
    this.engine = engine;
    this.runner = runner;
    this.offset = offset;
    this.onStopped = onStopped;
  }

  /** Starts polling, once: later calls do nothing. */
  void start() {
    if (!started) {
      started = true;
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
    if (stopped || runner.stopped()) {
      stopped = true;
      return;
    }
    if (!engine.lease().valid()) {
      later(500);
      return;
    }
    runner.profile(0).onComplete(ar -> {
      if (ar.failed()) {
        later(1000);
      } else if (!ar.result().active()) {
        stopOnItsOwn(); // inactive or gone: what Telegram keeps is fetched after re-activation
      } else {
        int timeout = engine.settings().pollTimeoutSeconds();
        JsonObject params = new JsonObject().put("offset", offset).put("timeout", timeout)
          .put("allowed_updates", AllowedUpdates.json());
        engine.telegram().call(ar.result().token(), "getUpdates", params, (timeout + 10) * 1000L).onComplete(got -> {
          if (!stopped) {
            received(got.result());
          }
        });
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
        stopOnItsOwn();
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

  private void store(JsonArray items) {
    List<Long> ids = new ArrayList<>();
    List<Long> chats = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<String> payloads = new ArrayList<>();
    List<String> metas = new ArrayList<>();
    List<IncomingUpdate> usable = new ArrayList<>();
    long next = offset;
    for (Object item : items) {
      if (!(item instanceof JsonObject)) {
        continue;
      }
      JsonObject json = (JsonObject) item;
      Object id = json.getValue("update_id");
      if (id instanceof Number n) {
        next = Math.max(next, n.longValue() + 1); // past it, usable or not: Telegram gives it again otherwise
      }
      String payload = json.encode();
      IncomingUpdate update = UpdateEnvelope.read(payload);
      if (update != null) {
        ids.add(update.updateId());
        chats.add(update.chatId());
        kinds.add(update.kind());
        payloads.add(payload);
        metas.add(BusJson.encode(update));
        usable.add(update);
      }
    }
    if (next == offset) {
      later(1000); // nothing in the batch names an update: ask again, but not at once
      return;
    }
    long nextOffset = next;
    Tuple arrays = Tuple.of(ids.toArray(new Long[0]), chats.toArray(new Long[0]), kinds.toArray(new String[0]),
      payloads.toArray(new String[0]), metas.toArray(new String[0]));
    String node = engine.lease().node();
    if (node == null) {
      stopped = true;
      return;
    }
    engine.store().storePolled(runner.botId(), node, runner.epoch(), arrays, nextOffset).onComplete(ar -> {
      if (ar.succeeded() && ar.result() != null) {
        offset = nextOffset;
        for (long[] stored : ar.result()) {
          usable.stream().filter(u -> u.updateId() == stored[0]).findFirst()
            .ifPresent(u -> runner.arrive(new Work(u.updateId(), u, 0, stored[1])));
        }
        poll();
      } else if (ar.succeeded()) {
        stopOnItsOwn(); // the bot is no longer this node's
      } else {
        LOG.warn("Bot {}: polled updates not stored ({}); asked again", runner.botId(), ar.cause().toString());
        later(1000);
      }
    });
  }

  private void stopOnItsOwn() {
    if (!stopped) {
      stopped = true;
      onStopped.run();
    }
  }

  private void later(long ms) {
    engine.vertx().setTimer(ms, id -> poll());
  }
}
