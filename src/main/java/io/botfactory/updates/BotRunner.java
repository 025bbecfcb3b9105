package io.botfactory.updates;

import io.botfactory.telegram.TelegramClient;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * with its update ({@link UpdateHandler}), so a redelivery or a later read never answers it
 * twice; a reply that must wait takes its chat's queue with it until a later read. Runs on its
 * worker's event loop.
 */
final class BotRunner {

  private static final Logger LOG = LoggerFactory.getLogger(BotRunner.class);
  static final int BATCH = 100;

  /** What the runner tells its worker. */
  interface Host {
    /** Nothing runs and nothing is due: the bot may be let go. */
    void idle(BotRunner runner);

    /** The bot is deleted, or no longer this worker's (its hold lapsed and another took it). */
    void gone(BotRunner runner);

    /** A read failed (the database is away): wake the runner again later. */
    void failed(BotRunner runner, Throwable cause);
  }

  private final UUID botId;
  private final UpdateStore store;
  private final SendPacer pacer;
  private final UpdateHandler handler;
  private final Host host;
  private final Map<Long, ArrayDeque<StoredUpdate>> chats = new HashMap<>();
  private final Set<Long> queued = new HashSet<>();
  private BotProfile profile;
  private long cursor = -1;
  private boolean reading;
  private boolean again;

  /** {@code leaseMs}: how long the worker's hold on the bot lasts unrenewed. */
  BotRunner(Vertx vertx, UUID botId, long leaseMs, UpdateStore store, TelegramClient telegram, SendPacer pacer,
            UpdateMetrics metrics, Host host) {
    this.botId = botId;
    this.store = store;
    this.pacer = pacer;
    this.handler = new UpdateHandler(vertx, botId, leaseMs, store, telegram, pacer, metrics);
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
    store.read(botId, BATCH, cursor).onComplete(ar -> {
      reading = false;
      if (ar.failed()) {
        host.failed(this, ar.cause());
      } else if (ar.result() == null) {
        host.gone(this);
      } else {
        profile = ar.result().profile();
        List<StoredUpdate> updates = ar.result().updates();
        queue(updates);
        if (again || updates.size() == BATCH) {
          read();
        } else if (chats.isEmpty()) {
          quiet(updates.isEmpty());
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
    handler.handle(update, profile).onComplete(ar -> {
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
}
