package io.botfactory.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * This node's statements that take bots: one bot's (work came for a bot not held here) and the
 * sweep's (bots with work that no live node holds). The two never run at once. Each may take a
 * bot the other has just taken for this node (a node takes its own hold anew, for a hold left
 * from before its lease lapsed), and the second would raise the epoch under the first's
 * runner: its outcomes refused, its replies sent again by the next. A take asked for while the
 * sweep's statement is in flight follows it; a sweep is skipped while a take is in flight (the
 * next one comes soon). Used on the engine's event loop only.
 */
final class Takes {

  private static final Logger LOG = LoggerFactory.getLogger(Takes.class);

  /** What a take leads to, on the bots this node holds. */
  interface Holder {
    /** False once the node stops: it takes no bot any more. */
    boolean taking();

    boolean holds(UUID botId);

    /** The bot is held here already: its runner reads what waits. */
    void wake(UUID botId);

    /** A bot just taken: its runner reads what waits, its poller polls it when {@code polled}. */
    void run(EngineStore.Hold hold, boolean polled);
  }

  private final Engine engine;
  private final Holder holder;
  private final Set<UUID> taking = new HashSet<>();
  private final Map<UUID, Boolean> afterSweep = new LinkedHashMap<>();
  private boolean sweeping;

  Takes(Engine engine, Holder holder) {
    this.engine = engine;
    this.holder = holder;
  }

  /** Takes the bot, if no other live node holds it (polls it too when {@code polled}). */
  void take(UUID botId, boolean polled) {
    String node = engine.lease().node();
    if (node == null || !holder.taking()) {
      return;
    }
    if (sweeping) {
      afterSweep.merge(botId, polled, Boolean::logicalOr);
      return;
    }
    if (!taking.add(botId)) {
      return;
    }
    if (holder.holds(botId)) {
      taking.remove(botId);
      holder.wake(botId);
      return;
    }
    engine.store().take(botId, node).onComplete(ar -> {
      taking.remove(botId);
      if (ar.succeeded() && ar.result() != null && node.equals(engine.lease().node())) {
        holder.run(ar.result(), polled);
      }
    });
  }

  /** Takes, in one statement, up to {@code limit} bots with work that no live node holds, and runs them. */
  void sweep(String node, int limit) {
    if (sweeping || !taking.isEmpty() || !holder.taking()) {
      return;
    }
    sweeping = true;
    engine.store().takeUnheld(node, limit).onComplete(ar -> {
      if (ar.succeeded()) {
        ar.result().forEach(hold -> holder.run(hold, false));
      } else {
        LOG.warn("Sweep could not take unheld bots: {}", ar.cause().toString());
      }
      sweeping = false;
      Map<UUID, Boolean> asked = new LinkedHashMap<>(afterSweep);
      afterSweep.clear();
      asked.forEach(this::take);
    });
  }
}
