package io.botfactory.updates;

import io.botfactory.telegram.TelegramClient;
import io.botfactory.telegram.TelegramOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Handles the updates of one bot that this worker holds: rounds of "read the bot, read what is
 * due, handle it", until nothing is due and the bot is let go. Within a round, each chat's
 * updates are handled one at a time in update_id order, the chats side by side. Each update's
 * outcome is recorded with it, so a redelivery or another round never answers it twice; a reply
 * Telegram could not take for a passing reason waits (its chat with it) and is tried again for
 * up to {@value #GIVE_UP_MINUTES} minutes. Runs on its worker's event loop.
 */
final class BotRunner {

  private static final Logger LOG = LoggerFactory.getLogger(BotRunner.class);
  static final int BATCH = 100;
  static final long GIVE_UP_MINUTES = 10;

  /** What a round came to. */
  enum Round { MORE, IDLE, GONE }

  private final UUID botId;
  private final UpdateStore store;
  private final TelegramClient telegram;
  private final SendPacer pacer;
  private final UpdateMetrics metrics;
  private BotProfile profile;
  private boolean running;
  private boolean more;

  BotRunner(UUID botId, UpdateStore store, TelegramClient telegram, SendPacer pacer, UpdateMetrics metrics) {
    this.botId = botId;
    this.store = store;
    this.telegram = telegram;
    this.pacer = pacer;
    this.metrics = metrics;
  }

  UUID botId() {
    return botId;
  }

  /** The bot as last read (null before the first round). */
  BotProfile profile() {
    return profile;
  }

  boolean running() {
    return running;
  }

  /** Something changed (an update stored, the bot edited) while a round runs: it answers MORE. */
  void more() {
    more = true;
  }

  /** One round; completes with MORE (go on), IDLE (nothing was due) or GONE (the bot was deleted). Not while one runs. */
  Future<Round> round() {
    running = true;
    more = false;
    return store.profile(botId)
      .compose(read -> {
        profile = read;
        return read == null ? Future.succeededFuture(Round.GONE) : store.next(botId, BATCH).compose(this::handle);
      })
      .andThen(ar -> running = false)
      .map(round -> round == Round.IDLE && more ? Round.MORE : round);
  }

  private Future<Round> handle(List<StoredUpdate> updates) {
    if (updates.isEmpty()) {
      return Future.succeededFuture(Round.IDLE);
    }
    Map<Long, List<StoredUpdate>> byChat = new LinkedHashMap<>();
    for (StoredUpdate update : updates) {
      byChat.computeIfAbsent(update.chatId(), c -> new ArrayList<>()).add(update);
    }
    List<Future<Void>> chats = new ArrayList<>(byChat.size());
    for (List<StoredUpdate> chat : byChat.values()) {
      chats.add(inOrder(chat, 0));
    }
    pacer.forgetQuietChats();
    return Future.join(chats).transform(ar -> Future.succeededFuture(Round.MORE));
  }

  /** The chat's updates from {@code index} on, one after the other; stops at one that must wait. */
  private Future<Void> inOrder(List<StoredUpdate> chat, int index) {
    if (index == chat.size()) {
      return Future.succeededFuture();
    }
    return handleOne(chat.get(index)).compose(goOn -> goOn ? inOrder(chat, index + 1) : Future.succeededFuture());
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

  private Future<Boolean> record(StoredUpdate update, String reply, String why, ChatOf chat, Boolean blocked) {
    return store.handled(botId, update, reply, why, chat, blocked).map(lag -> {
      if (lag != null) {
        metrics.reply(reply);
        metrics.lag(lag);
      } else {
        LOG.debug("Update {} of bot {}: outcome not recorded (no longer held, or handled already)", update.updateId(), botId);
      }
      return true;
    });
  }
}
