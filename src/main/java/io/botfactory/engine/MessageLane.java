package io.botfactory.engine;

import io.botfactory.telegram.TelegramOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends the messages the API queued for a bot this node holds, paced as replies are (after them:
 * a reply waits for no message, a message takes the slots replies leave, before broadcasts do):
 * oldest first, one chat's messages in order, chats side by side. Each is marked {@code sending}
 * in a durable commit before it goes to Telegram, so a node that dies leaves it uncertain, never
 * sent again. A 429 puts it back in the queue, waiting; a 5xx or a network failure is tried again
 * with back-off until the give-up time. Used on the engine's event loop only.
 */
final class MessageLane {

  private static final Logger LOG = LoggerFactory.getLogger(MessageLane.class);
  private static final int PAGE = 100;
  private static final long FAR = Long.MAX_VALUE / 4;
  private static final long MAX_BACKOFF_S = 60;

  private final Engine engine;
  private final BotRunner runner;
  private final SendPacer pacer;
  private final MessageStore store;
  private final Runnable ended;
  private boolean opened;
  private boolean running;
  private boolean again;
  private boolean stopped;

  MessageLane(Engine engine, BotRunner runner, SendPacer pacer, MessageStore store, Runnable ended) {
    this.engine = engine;
    this.runner = runner;
    this.pacer = pacer;
    this.store = store;
    this.ended = ended;
  }

  /** Messages may be queued: send them (once more after the round under way, if one is). */
  void wake() {
    if (running) {
      again = true;
      return;
    }
    String node = engine.lease().node();
    if (stopped || node == null) {
      end();
      return;
    }
    running = true;
    again = false;
    Future<Void> open = opened ? Future.succeededFuture() : store.open(runner.botId(), node, runner.epoch());
    open.compose(v -> {
      opened = true;
      return store.queued(runner.botId(), PAGE);
    }).compose(this::send).onComplete(ar -> {
      running = false;
      if (ar.failed()) {
        LOG.warn("Bot {}: queued messages not sent now ({}); tried again shortly", runner.botId(), ar.cause().toString());
        engine.vertx().setTimer(1000, id -> wake());
      } else if (again || ar.result()) {
        wake();
      } else {
        end();
      }
    });
  }

  /** Nothing new is sent; what is in flight finishes and is recorded. */
  void stop() {
    stopped = true;
    if (!running) {
      end();
    }
  }

  boolean running() {
    return running;
  }

  /** Sends a page; true when more may wait (a full page, or one put back by a 429). */
  private Future<Boolean> send(List<MessageStore.Queued> page) {
    Map<Long, Future<Boolean>> chats = new HashMap<>();
    for (MessageStore.Queued message : page) {
      Future<Boolean> before = chats.getOrDefault(message.chatId(), Future.succeededFuture(false));
      chats.put(message.chatId(), before.compose(requeued -> one(message).map(r -> r || requeued)));
    }
    return Future.all(List.copyOf(chats.values())).map(all -> page.size() == PAGE
      || chats.values().stream().anyMatch(Future::result));
  }

  /** One message: true when it went back to the queue. */
  private Future<Boolean> one(MessageStore.Queued message) {
    if (stopped) {
      return Future.succeededFuture(false);
    }
    boolean group = message.chatType() != null && !"private".equals(message.chatType());
    return pacer.slot(message.chatId(), group, System.nanoTime() + FAR)
      .compose(v -> stopped ? Future.succeededFuture(false) : store.mark(message.id(), runner.epoch()))
      .compose(marked -> marked ? attempt(message, group, System.currentTimeMillis(), 0) : Future.succeededFuture(false));
  }

  private Future<Boolean> attempt(MessageStore.Queued message, boolean group, long firstTry, int tries) {
    if (!engine.lease().valid()) {
      return engine.vertx().timer(200).compose(v -> attempt(message, group, firstTry, tries));
    }
    return runner.profile(0).compose(profile -> {
      if (!profile.active()) {
        stop(); // back in the queue, sent once the bot is active again
        return record(message, "queued", null).map(false);
      }
      JsonObject params = new JsonObject().put("chat_id", message.chatId()).put("text", message.text());
      if (message.silent()) {
        params.put("disable_notification", true);
      }
      runner.sending(true);
      return engine.telegram().call(profile.token(), "sendMessage", params).compose(outcome -> {
        runner.sending(false);
        pacer.answered(message.chatId(), group);
        return answered(message, group, firstTry, tries, outcome);
      });
    });
  }

  private Future<Boolean> answered(MessageStore.Queued message, boolean group, long firstTry, int tries,
                                   TelegramOutcome outcome) {
    switch (outcome.kind()) {
      case OK:
        return record(message, "sent", null).map(false);
      case BLOCKED:
        return record(message, "blocked", outcome.describe()).map(false);
      case RETRY_AFTER:
        pacer.limited(message.chatId(), ((TelegramOutcome.RetryAfter) outcome).seconds());
        return record(message, "queued", null).map(true);
      case PASSING:
        if (System.currentTimeMillis() - firstTry > engine.settings().giveUpSeconds() * 1000L) {
          return record(message, "failed", outcome.describe()).map(false);
        }
        long wait = Math.min(MAX_BACKOFF_S, 1L << Math.min(tries, 6));
        return engine.vertx().timer(wait * 1000).compose(v -> attempt(message, group, firstTry, tries + 1));
      default:
        return record(message, "failed", outcome.describe()).map(false);
    }
  }

  private Future<Void> record(MessageStore.Queued message, String outcome, String error) {
    return store.record(new MessageStore.Result(message.id(), runner.epoch(), outcome, error));
  }

  private void end() {
    ended.run();
  }
}
