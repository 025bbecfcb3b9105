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
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Handles the updates of one bot that this worker holds. It reads what is due (the bot, then its
 * updates after the last one read) whenever it is woken, and queues each update behind its
 * chat's: each chat's updates are handled one at a time in update_id order, chats side by side,
 * so a chat waiting for its pace or for a retry holds up no other. When nothing runs and a read
 * from the first update finds nothing, it tells its worker it is idle. Each outcome is recorded
 * with its update, so a redelivery or a later read never answers it twice; a reply Telegram
 * could not take for a passing reason waits (its chat with it) and is tried again for up to
 * {@value #GIVE_UP_MINUTES} minutes. Runs on its worker's event loop.
 */
final class BotRunner {

  private static final Logger LOG = LoggerFactory.getLogger(BotRunner.class);
  static final int BATCH = 100;
  static final long GIVE_UP_MINUTES = 10;
  private static final int RECORD_TRIES = 10;
  private static final long RECORD_RETRY_MS = 1000;

  /** What the runner tells its worker. */
  interface Host {
    /** Nothing runs and nothing is due: the bot may be let go. */
    void idle(BotRunner runner);

    /** The bot is deleted. */
    void gone(BotRunner runner);

    /** A read failed (the database is away): wake the runner again later. */
    void failed(BotRunner runner, Throwable cause);
  }

  private final Vertx vertx;
  private final UUID botId;
  private final UpdateStore store;
  private final TelegramClient telegram;
  private final SendPacer pacer;
  private final UpdateMetrics metrics;
  private final Host host;
  private final Map<Long, ArrayDeque<StoredUpdate>> chats = new HashMap<>();
  private final Set<Long> queued = new HashSet<>();
  private BotProfile profile;
  private long cursor = -1;
  private boolean reading;
  private boolean again;

  BotRunner(Vertx vertx, UUID botId, UpdateStore store, TelegramClient telegram, SendPacer pacer, UpdateMetrics metrics,
            Host host) {
    this.vertx = vertx;
    this.botId = botId;
    this.store = store;
    this.telegram = telegram;
    this.pacer = pacer;
    this.metrics = metrics;
    this.host = host;
  }

  UUID botId() {
    return botId;
  }

  /** The bot as last read (null before the first read). */
  BotProfile profile() {
    return profile;
  }

  /** True while a read or a chat's handling is under way. */
  boolean busy() {
    return reading || !chats.isEmpty();
  }

  /** Something changed (an update stored, the bot edited): read again, now or right after the read under way. */
  void wake() {
    again = true;
    if (!reading) {
      read();
    }
  }

  private void read() {
    reading = true;
    again = false;
    store.profile(botId).compose(read -> {
      profile = read;
      return read == null ? Future.succeededFuture(null) : store.next(botId, BATCH, cursor);
    }).onComplete(ar -> {
      reading = false;
      if (ar.failed()) {
        host.failed(this, ar.cause());
      } else if (ar.result() == null) {
        host.gone(this);
      } else {
        queue(ar.result());
        if (again || ar.result().size() == BATCH) {
          read();
        } else if (chats.isEmpty()) {
          quiet(ar.result().isEmpty());
        }
      }
    });
  }

  /** Nothing runs: once a read from the first update has found nothing, the runner is idle. */
  private void quiet(boolean foundNothing) {
    if (foundNothing && cursor == -1) {
      host.idle(this);
    } else {
      cursor = -1; // a late update with a lower id than the last read is found from the first one
      read();
    }
  }

  private void queue(List<StoredUpdate> updates) {
    for (StoredUpdate update : updates) {
      cursor = Math.max(cursor, update.updateId());
      if (queued.add(update.updateId())) {
        ArrayDeque<StoredUpdate> chat = chats.get(update.chatId());
        if (chat == null) {
          chat = new ArrayDeque<>();
          chats.put(update.chatId(), chat);
          chat.add(update);
          handleChat(update.chatId(), chat);
        } else {
          chat.add(update);
        }
      }
    }
  }

  /** The chat's queued updates, one after the other; a reply that must wait takes the chat's queue with it. */
  private void handleChat(long chatId, ArrayDeque<StoredUpdate> chat) {
    StoredUpdate update = chat.peek();
    handleOne(update).onComplete(ar -> {
      boolean goOn = ar.succeeded() && ar.result();
      if (goOn) {
        chat.poll();
        queued.remove(update.updateId());
      } else {
        chat.forEach(u -> queued.remove(u.updateId()));
        chat.clear();
        if (ar.failed()) {
          LOG.warn("Bot {}: update {} not handled now ({}); tried again", botId, update.updateId(), ar.cause().toString());
        }
      }
      if (!chat.isEmpty()) {
        handleChat(chatId, chat);
        return;
      }
      chats.remove(chatId);
      pacer.forgetQuietChats();
      if (chats.isEmpty() && !reading) {
        quiet(false);
      }
    });
  }

  /** True when the chat may go on to its next update. */
  private Future<Boolean> handleOne(StoredUpdate update) {
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
    return send(update, chat, text, unblocked);
  }

  private Future<Boolean> send(StoredUpdate update, ChatOf chat, String text, Boolean unblocked) {
    JsonObject message = new JsonObject().put("chat_id", chat.id()).put("text", text);
    return pacer.slot(chat.id())
      .compose(v -> telegram.call(profile.token(), "sendMessage", message))
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
            return send(update, chat, text, unblocked);
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
   * Writes the outcome, trying again for a while if the database does not take it: once Telegram
   * has the reply, giving up here would send it again after the next read.
   */
  private Future<Boolean> record(StoredUpdate update, String reply, String why, ChatOf chat, Boolean blocked) {
    return write(update, reply, why, chat, blocked, RECORD_TRIES).map(lag -> {
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
  private Future<Double> write(StoredUpdate update, String reply, String why, ChatOf chat, Boolean blocked, int tries) {
    return store.handled(botId, update, reply, why, chat, blocked).recover(e -> tries <= 1 ? Future.failedFuture(e)
      : vertx.timer(RECORD_RETRY_MS).compose(v -> write(update, reply, why, chat, blocked, tries - 1)));
  }
}
