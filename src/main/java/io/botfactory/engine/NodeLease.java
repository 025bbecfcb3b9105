package io.botfactory.engine;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * This node's lease, under which it holds every bot it holds: one row of {@code engine_nodes},
 * renewed by one statement however many bots the node holds. Another node takes a bot only once
 * the holder's lease has lapsed in the database; this node stops sending well before that, by
 * its own clock: a renewal sent at {@code t} keeps the lease until at least {@code t + lease} in
 * the database (it is written after it was sent), and this node sends only until
 * {@code t + lease - margin}. A renewal that finds the lease lapsed means every hold is lost: the
 * node then joins again (under the same name, which its event-bus addresses carry) and holds
 * nothing until it takes bots again; holds that still name it are taken anew, with a new epoch,
 * when work comes for them.
 */
final class NodeLease {

  private static final Logger LOG = LoggerFactory.getLogger(NodeLease.class);

  /** What the node hears of its lease. */
  interface Listener {
    /** The lease lapsed: every hold of {@code node} is lost; nothing more may be sent under it. */
    void lost(String node);
  }

  private final EngineStore store;
  private final long leaseNanos;
  private final long marginNanos;
  private final Listener listener;
  private final String node = "node-" + UUID.randomUUID();
  private boolean live;
  private boolean renewing;
  private boolean stopped;
  private long validUntil;

  /** {@code leaseMs}: how long the lease lasts unrenewed; {@code marginMs}: how long before that this node stops sending. */
  NodeLease(EngineStore store, long leaseMs, long marginMs, Listener listener) {
    this.store = store;
    this.leaseNanos = leaseMs * 1_000_000L;
    this.marginNanos = marginMs * 1_000_000L;
    this.listener = listener;
  }

  /** Joins (again); completes once the lease is live. */
  private Future<Void> join() {
    long sent = System.nanoTime();
    return store.join(node).onSuccess(v -> {
      live = true;
      validUntil = sent + leaseNanos;
      LOG.info("Update engine joined as {}", node);
    });
  }

  /** The name this node holds bots under, while its lease is live; null otherwise. */
  String node() {
    return live ? node : null;
  }

  /** The name this node holds bots under, live or not (its event-bus addresses carry it). */
  String name() {
    return node;
  }

  /** True while this node may send under its lease. */
  boolean valid() {
    return live && System.nanoTime() < validUntil - marginNanos;
  }

  /** Joins or renews the lease (one statement at a time); a lapsed lease ends every hold, and the node joins again. */
  void renew() {
    if (renewing || stopped) {
      return;
    }
    renewing = true;
    if (!live) {
      join().onComplete(ar -> {
        renewing = false;
        if (ar.failed()) {
          LOG.warn("Update engine could not join ({}); trying again", ar.cause().toString());
        }
      });
      return;
    }
    long sent = System.nanoTime();
    store.renew(node).onComplete(ar -> {
      renewing = false;
      if (!live) {
        return;
      }
      if (ar.failed()) {
        LOG.warn("Update engine lease not renewed ({}); sending pauses if it lasts", ar.cause().toString());
      } else if (ar.result()) {
        validUntil = Math.max(validUntil, sent + leaseNanos);
      } else {
        LOG.warn("Update engine lease of {} lapsed: its bots are free for other nodes; joining again", node);
        live = false;
        listener.lost(node);
      }
    });
  }

  /** Leaves: the node's bots are free for the others at once. */
  Future<Void> leave() {
    stopped = true;
    live = false;
    return store.leave(node);
  }
}
