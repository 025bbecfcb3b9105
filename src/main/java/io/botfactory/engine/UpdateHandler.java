package io.botfactory.engine;

import io.botfactory.bus.IncomingUpdate;
import io.botfactory.telegram.TelegramOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Handles one update of a bot a node holds: decides the answer ({@link ReplyPolicy}) from the
 * bot's profile at the update's version, sends it at Telegram's pace ({@link SendPacer}), and
 * hands the outcome to be written. Every send is fenced: not after the runner stopped, not under
 * a profile older than the newest version the node heard of, not while the node's lease is in
 * doubt. A 429 waits and sends again; a 403 marks the chat blocked; any other 4xx is recorded,
 * not retried; a 5xx or a network failure is tried again with back-off. Whatever is not sent
 * within the give-up time after it was stored is recorded as dropped, with the last reason.
 */
final class UpdateHandler {

  /** How long a send waits for the node's lease to be renewed before it looks again. */
  private static final long FENCE_WAIT_MS = 200;
  private static final long MAX_BACKOFF_S = 60;

  /** What the handler needs of its runner. */
  interface Owner {
    /** The bot's profile at {@code version} at least, and at the newest version the node heard of. */
    Future<BotProfile> profile(long version);

    /** False once the node heard of a newer version than {@code profile}'s. */
    boolean current(BotProfile profile);

    /** The runner stopped: nothing more is sent, nothing more recorded. */
    boolean stopped();

    /** A send to Telegram starts ({@code true}) or ends. */
    void sending(boolean starts);

    /**
     * The update is handled: its outcome is to be written, with what it did to its chat
     * ({@code blocked}: true, false to lift a block, null for nothing) and its subscriber.
     */
    void record(Work work, String reply, String why, Boolean blocked, SubscriberChange subscriber, String event);

    /** The bot no longer exists. */
    void gone();
  }

  private final Engine engine;
  private final SendPacer pacer;
  private final Owner owner;

  UpdateHandler(Engine engine, SendPacer pacer, Owner owner) {
    this.engine = engine;
    this.pacer = pacer;
    this.owner = owner;
  }

  /** What was decided for one update: the text to send, and what the update does to its chat and subscriber. */
  private record Decision(Work work, BotProfile profile, String text, Boolean blocked, SubscriberChange subscriber,
                          String event) {

    void record(Owner owner, String reply, String why) {
      owner.record(work, reply, why, blocked, subscriber, event);
    }

    /** Telegram answered 403: the user blocked the bot. */
    void recordBlocked(Owner owner, String why) {
      owner.record(work, "blocked", why, Boolean.TRUE, subscriber == null ? null : subscriber.blocked(), event);
    }
  }

  /** Completes when the update is done with (its outcome handed on), or the runner stopped. */
  Future<Void> handle(Work work) {
    if (work.update() == null) {
      owner.record(work, "none", "the update could not be read", null, null, null);
      return Future.succeededFuture();
    }
    return owner.profile(work.version()).compose(profile -> decide(work, profile),
      e -> engine.vertx().timer(1000).compose(v -> owner.stopped() ? Future.succeededFuture() : handle(work)));
  }

  private Future<Void> decide(Work work, BotProfile profile) {
    if (owner.stopped()) {
      return Future.succeededFuture();
    }
    if (!profile.exists()) {
      owner.gone();
      return Future.succeededFuture();
    }
    IncomingUpdate update = work.update();
    if (!profile.active()) {
      owner.record(work, "skipped", "the bot is inactive", null, null, null);
      return Future.succeededFuture();
    }
    ReplyPolicy.Answer answer = ReplyPolicy.answer(update, profile);
    Boolean unblocked = update.writes() && update.chatType() != null ? Boolean.FALSE : null;
    // A text message is an event for the owner's endpoints: one of the bot's commands, or any other message.
    String event = update.text() && update.writes() ? (answer.command() != null ? "command.received" : "message.received")
      : null;
    Decision decision = new Decision(work, profile, answer.text(), unblocked, SubscriberChange.of(update, answer), event);
    if (answer.text() == null || update.chatType() == null) {
      decision.record(owner, "none", null);
      return Future.succeededFuture();
    }
    return send(decision, 0, null);
  }

  private Future<Void> send(Decision decision, int attempt, String lastError) {
    Work work = decision.work();
    long chatId = work.update().chatId();
    boolean group = !"private".equals(work.update().chatType());
    long leftMs = work.receivedAt() + engine.settings().giveUpSeconds() * 1000L - System.currentTimeMillis();
    return pacer.slot(chatId, group, System.nanoTime() + leftMs * 1_000_000L).compose(inTime -> {
      if (owner.stopped()) {
        return Future.succeededFuture();
      }
      if (!inTime) {
        decision.record(owner, "dropped", lastError == null ? "not sent in time" : lastError);
        return Future.succeededFuture();
      }
      if (!owner.current(decision.profile())) {
        return handle(work); // the bot changed while the message waited for its pace: decide again
      }
      if (!engine.lease().valid()) {
        return engine.vertx().timer(FENCE_WAIT_MS).compose(w -> send(decision, attempt, lastError));
      }
      owner.sending(true);
      JsonObject message = new JsonObject().put("chat_id", chatId).put("text", decision.text());
      return engine.telegram().call(decision.profile().token(), "sendMessage", message).compose(outcome -> {
        owner.sending(false);
        pacer.answered(chatId, group);
        return answered(decision, attempt, outcome);
      });
    });
  }

  private Future<Void> answered(Decision decision, int attempt, TelegramOutcome outcome) {
    switch (outcome.kind()) {
      case OK:
        decision.record(owner, "sent", null);
        return Future.succeededFuture();
      case BLOCKED:
        decision.recordBlocked(owner, outcome.describe());
        return Future.succeededFuture();
      case RETRY_AFTER:
        engine.metrics().reply("rate_limited");
        pacer.limited(decision.work().update().chatId(), ((TelegramOutcome.RetryAfter) outcome).seconds());
        return send(decision, attempt, outcome.describe());
      case PASSING:
        engine.metrics().reply("retried");
        long wait = Math.min(MAX_BACKOFF_S, 1L << Math.min(attempt, 6));
        return engine.vertx().timer(wait * 1000).compose(v -> owner.stopped() ? Future.succeededFuture()
          : send(decision, attempt + 1, outcome.describe()));
      default:
        decision.record(owner, "failed", outcome.describe());
        return Future.succeededFuture();
    }
  }
}
