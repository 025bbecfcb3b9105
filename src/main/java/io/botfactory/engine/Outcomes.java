package io.botfactory.engine;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.DeliveriesDue;
import io.botfactory.db.Batcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outcomes of handled updates, written in batches: one statement (and one commit) for all
 * the outcomes decided while the previous one ran, each under its hold's epoch, with the chats
 * they came from. One statement at a time, so outcomes are committed in the order they were
 * decided: a node that dies leaves the last ones unwritten, never one in the middle, and the
 * next holder answers again only those. A statement that fails is tried again for as long as the
 * node's lease lasts: until then no other node can take these updates up, and once Telegram has
 * a reply, giving up sooner would send it again.
 */
final class Outcomes {

  private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);
  private static final int MAX_BATCH = 1000;
  private static final long RETRY_MS = 500;

  /**
   * One handled update: {@code reply} what came of it (sent, none, blocked, failed, dropped,
   * skipped), {@code why} Telegram's reason or null; its chat ({@code chatType} null: none to
   * record), when it was stored, the chat's blocked flag (null: keep), what it did to its
   * subscriber (null: nothing, not a private chat), and the event it is for the owner's endpoints
   * ({@code event} message.received or command.received, with {@code head} the start of its data:
   * the chat and the user; null: none).
   */
  record Outcome(UUID botId, long epoch, long updateId, String reply, String why, long chatId, String chatType,
                 long receivedAt, Boolean blocked, SubscriberChange subscriber, String event, String head) {
  }

  private final Vertx vertx;
  private final EngineStore store;
  private final NodeLease lease;
  private final long retryForMs;
  private final Batcher<Outcome, Double> batcher;

  /** {@code retryForMs}: how long a failing statement is tried again (the lease's length). */
  Outcomes(Vertx vertx, EngineStore store, NodeLease lease, long retryForMs) {
    this.vertx = vertx;
    this.store = store;
    this.lease = lease;
    this.retryForMs = retryForMs;
    this.batcher = new Batcher<>(MAX_BATCH, 1, this::write);
  }

  /** The handling lag in seconds once written; null when nothing was written (the hold was lost, or it was handled already). */
  Future<Double> record(Outcome outcome) {
    return batcher.submit(outcome);
  }

  /** Outcomes waiting for, or in, a statement. */
  int pending() {
    return batcher.waiting() + batcher.inFlight();
  }

  private Future<List<Double>> write(List<Outcome> batch) {
    String node = lease.node();
    if (node == null) {
      List<Double> none = new ArrayList<>(batch.size());
      batch.forEach(o -> none.add(null));
      return Future.succeededFuture(none); // the lease lapsed: nothing of this node's may be written
    }
    Tuple params = OutcomeParams.of(node, batch);
    return attempt(params, System.nanoTime() + retryForMs * 1_000_000L).map(rows -> {
      Map<String, Double> lags = new HashMap<>();
      long deliveries = 0;
      for (Row row : rows) {
        lags.put(row.getUUID("bot_id") + "/" + row.getLong("update_id"), row.getNumeric("lag").doubleValue());
        deliveries = row.getLong("deliveries");
      }
      if (deliveries > 0) {
        vertx.eventBus().send(Addresses.DELIVERIES_DUE.name(), new DeliveriesDue(deliveries).toJson());
      }
      List<Double> result = new ArrayList<>(batch.size());
      batch.forEach(o -> result.add(lags.get(o.botId() + "/" + o.updateId())));
      return result;
    });
  }

  private Future<io.vertx.sqlclient.RowSet<Row>> attempt(Tuple params, long until) {
    return store.outcomes(params).recover(e -> {
      if (System.nanoTime() + RETRY_MS * 1_000_000L >= until) {
        return Future.failedFuture(e);
      }
      LOG.warn("Outcomes not written yet ({}); writing them again", e.toString());
      return vertx.timer(RETRY_MS).compose(v -> attempt(params, until));
    });
  }
}
