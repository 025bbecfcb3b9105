package io.botfactory.engine;

import io.botfactory.telegram.TelegramOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.UUID;

/**
 * Sends one running broadcast of a bot this node holds, as a lane of the bot's sender: each
 * recipient is marked {@code sending} in a durable commit (only while the broadcast runs and the
 * node holds the bot: a pause or a cancel stops the lane at its next mark), waits for a broadcast
 * slot ({@link SendPacer#broadcastSlot}: what the bot's replies leave, within the broadcast
 * rate), gets the message, and has its outcome recorded. A 429 pauses the broadcast for its
 * {@code retry_after} and puts the recipient back to be sent later; a 5xx or a network failure
 * is tried again with back-off until the give-up time; a 403 ends the recipient {@code blocked}.
 * Used on the engine's event loop only.
 */
final class BroadcastLane {

  private static final Logger LOG = LoggerFactory.getLogger(BroadcastLane.class);
  private static final int PAGE = 500;
  /** Recipients marked and not yet recorded, at most: bounds what a crash can leave uncertain. */
  private static final int MAX_IN_FLIGHT = 100;
  private static final long FAR = Long.MAX_VALUE / 4;
  private static final long MAX_BACKOFF_S = 60;

  private final Engine engine;
  private final BotRunner runner;
  private final SendPacer pacer;
  private final BroadcastStore store;
  private final UUID broadcastId;
  private final Runnable ended;
  private final ArrayDeque<Long> queue = new ArrayDeque<>();
  private String text;
  private boolean silent;
  /** The last recipient read; chat ids are any 64-bit number (a group's are negative). */
  private long cursor = Long.MIN_VALUE;
  private boolean reading;
  private boolean exhausted;
  private boolean waiting;
  private int inFlight;
  private boolean stopped;
  private boolean over;

  /** {@code ended}: called once the lane has stopped and nothing of it is in flight. */
  BroadcastLane(Engine engine, BotRunner runner, SendPacer pacer, BroadcastStore store, UUID broadcastId, Runnable ended) {
    this.engine = engine;
    this.runner = runner;
    this.pacer = pacer;
    this.store = store;
    this.broadcastId = broadcastId;
    this.ended = ended;
  }

  UUID broadcastId() {
    return broadcastId;
  }

  void start() {
    String node = engine.lease().node();
    if (node == null) {
      stop();
      return;
    }
    store.open(broadcastId, node, runner.epoch()).onComplete(ar -> {
      if (ar.failed() || ar.result() == null || !"running".equals(ar.result().status())) {
        stop();
        return;
      }
      text = ar.result().text();
      silent = ar.result().silent();
      pump();
    });
  }

  /** No new recipient is marked; what is in flight finishes and is recorded. */
  void stop() {
    stopped = true;
    endIfIdle();
  }

  /**
   * The next recipient: marked first, then its slot waited for, then sent, so the messages reach
   * Telegram at the pace however long a mark takes; the next one is marked once this one has its
   * slot, so at most one is marked ahead of its send.
   */
  private void pump() {
    if (stopped || waiting || inFlight >= MAX_IN_FLIGHT) {
      return;
    }
    Long chat = queue.poll();
    if (chat == null) {
      refill();
      return;
    }
    waiting = true;
    inFlight++;
    store.mark(new BroadcastStore.Mark(broadcastId, chat, runner.epoch())).onComplete(marked -> {
      if (marked.failed() || !marked.result()) {
        waiting = false;
        stop(); // paused, cancelled, or the bot no longer held here: a later sweep starts a lane again if it runs
        settled();
        return;
      }
      pacer.broadcastSlot(chat, System.nanoTime() + FAR).onComplete(slot -> {
        waiting = false;
        send(chat, System.currentTimeMillis(), 0);
        pump();
      });
    });
  }

  /** The next page of recipients waiting; once none is left and nothing is in flight, one more look from the first (429s put some back). */
  private void refill() {
    if (reading) {
      return;
    }
    if (exhausted) {
      if (inFlight == 0) {
        exhausted = false;
        cursor = Long.MIN_VALUE;
        read(true);
      }
      return;
    }
    read(false);
  }

  private void read(boolean last) {
    reading = true;
    store.pending(broadcastId, cursor, PAGE).onComplete(ar -> {
      reading = false;
      if (ar.failed()) {
        LOG.warn("Broadcast {}: recipients not read ({}); read again shortly", broadcastId, ar.cause().toString());
        engine.vertx().setTimer(1000, id -> pump());
        return;
      }
      if (ar.result().isEmpty()) {
        exhausted = true;
        if (last) {
          stop(); // nothing waits any more: the last outcome recorded ended the broadcast
        } else {
          pump();
        }
        return;
      }
      queue.addAll(ar.result());
      cursor = ar.result().get(ar.result().size() - 1);
      pump();
    });
  }

  private void send(long chat, long firstTry, int attempt) {
    if (!engine.lease().valid()) {
      engine.vertx().setTimer(200, id -> send(chat, firstTry, attempt));
      return;
    }
    runner.profile(0).onComplete(p -> {
      if (p.failed() || !p.result().active()) {
        record(chat, "pending", null); // not sent: the bot changed; another pass, or another holder, sends it
        stop();
        return;
      }
      JsonObject message = new JsonObject().put("chat_id", chat).put("text", text);
      if (silent) {
        message.put("disable_notification", true);
      }
      runner.sending(true);
      engine.telegram().call(p.result().token(), "sendMessage", message).onComplete(ar -> {
        runner.sending(false);
        pacer.answered(chat, false);
        answered(chat, firstTry, attempt, ar.result());
      });
    });
  }

  private void answered(long chat, long firstTry, int attempt, TelegramOutcome outcome) {
    switch (outcome.kind()) {
      case OK -> record(chat, "sent", null);
      case BLOCKED -> record(chat, "blocked", outcome.describe());
      case RETRY_AFTER -> {
        int seconds = ((TelegramOutcome.RetryAfter) outcome).seconds();
        pacer.pauseBroadcast(seconds);
        pacer.limited(chat, seconds);
        store.waitFor(broadcastId, seconds).onComplete(w -> record(chat, "pending", null));
      }
      case PASSING -> {
        if (System.currentTimeMillis() - firstTry > engine.settings().giveUpSeconds() * 1000L) {
          record(chat, "failed", outcome.describe());
        } else {
          long wait = Math.min(MAX_BACKOFF_S, 1L << Math.min(attempt, 6));
          engine.vertx().setTimer(wait * 1000, id -> send(chat, firstTry, attempt + 1));
        }
      }
      default -> record(chat, "failed", outcome.describe());
    }
  }

  private void record(long chat, String outcome, String error) {
    Future<Void> written = store.record(new BroadcastStore.Result(broadcastId, chat, runner.epoch(), outcome, error));
    written.onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("Broadcast {}: outcome for chat {} not written ({}); it ends uncertain", broadcastId, chat,
          ar.cause().toString());
      }
      settled();
      pump();
    });
  }

  private void settled() {
    inFlight--;
    endIfIdle();
  }

  private void endIfIdle() {
    if (stopped && inFlight == 0 && !waiting && !over) {
      over = true;
      ended.run();
    }
  }
}
