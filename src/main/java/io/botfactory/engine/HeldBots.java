package io.botfactory.engine;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The bots this node holds, and the life of each hold: taken (when no other live node has the
 * bot), fed with updates, kept while idle for the linger time, let go, or lost (the node's lease
 * lapsed, or another node took the bot). Runs on the engine's event loop only.
 */
final class HeldBots implements BotRunner.Host, NodeLease.Listener, Takes.Holder {

  private static final Logger LOG = LoggerFactory.getLogger(HeldBots.class);

  /** A bot this node holds: its runner, and its poller in polling mode. */
  private record Held(BotRunner runner, Poller poller) {
  }

  private final Engine engine;
  private final Map<UUID, Held> held = new HashMap<>();
  private final Takes takes;
  private final IdleBots idle;
  /** Kept past a let-go until settled, so that a bot taken up again keeps its pace. */
  private final Map<UUID, SendPacer> pacers = new HashMap<>();
  private boolean stopping;

  HeldBots(Engine engine) {
    this.engine = engine;
    this.idle = new IdleBots(engine);
    this.takes = new Takes(engine, this);
  }

  /** An update just stored for a bot this node holds (or held: then the bot is taken again). */
  void arrive(UUID botId, Work work) {
    Held h = held.get(botId);
    if (h == null) {
      take(botId, false);
    } else if (idle.busy(botId)) {
      h.runner().arrive(work);
    }
  }

  /** Takes the bot, if no other live node holds it, and reads what waits for it; polls it too when {@code polled}. */
  void take(UUID botId, boolean polled) {
    takes.take(botId, polled);
  }

  /** The sweep: bots with work that no live node holds, taken in one statement; their runners read what waits. */
  void sweep(String node, int limit) {
    takes.sweep(node, limit);
  }

  @Override
  public boolean taking() {
    return !stopping;
  }

  @Override
  public boolean holds(UUID botId) {
    return held.containsKey(botId);
  }

  /** Runs a bot just taken: its runner reads what waits for it, its poller polls it when {@code polled}. */
  @Override
  public void run(EngineStore.Hold hold, boolean polled) {
    UUID botId = hold.botId();
    Held before = held.get(botId);
    if (stopping || before != null && before.runner().epoch() >= hold.epoch()) {
      return;
    }
    if (before != null) {
      drop(before.runner()); // taken twice at once (a sweep and a message): the later epoch is the hold
    }
    SendPacer pacer = pacers.computeIfAbsent(botId,
      id -> new SendPacer(engine.vertx(), engine.settings().botPerSecond(), engine.settings().chatIntervalMs(),
        engine.settings().broadcastRate()));
    BotRunner runner = new BotRunner(engine, botId, hold.epoch(), pacer, this);
    Poller poller = polled ? new Poller(engine, runner, hold.pollOffset(), () -> pollStopped(runner)) : null;
    held.put(botId, new Held(runner, poller));
    runner.scan();
    if (poller != null) {
      poller.start();
    }
  }

  /**
   * The bot, held under this node's name, has an update unhandled for a while: read what waits,
   * unless {@code updateId} is known here; a hold this node has no runner for (left from before
   * its lease lapsed) is taken anew.
   */
  void lagging(UUID botId, long updateId) {
    Held h = held.get(botId);
    if (h == null) {
      take(botId, false);
    } else if (!h.runner().knows(updateId)) {
      wake(botId);
    }
  }

  /** The bot changed: completes once nothing decided under an older version can still be sent. */
  Future<Void> changed(UUID botId, long version) {
    engine.profiles().forget(botId);
    Held h = held.get(botId);
    return h == null ? Future.succeededFuture() : h.runner().changed(version);
  }

  /** The bot, held here, has a running broadcast: its runner sends it (unless it already does). */
  void broadcast(UUID botId, UUID broadcastId) {
    Held h = held.get(botId);
    if (h != null && idle.busy(botId)) {
      h.runner().broadcast(broadcastId);
    }
  }

  /** The API queued messages for the bot: its runner sends them; a bot not held here is taken. */
  void messages(UUID botId) {
    Held h = held.get(botId);
    if (h == null) {
      take(botId, false);
    } else if (idle.busy(botId)) {
      h.runner().messages();
    }
  }

  /** How many bots this node polls. */
  int polled() {
    return (int) held.values().stream().filter(h -> h.poller() != null && !h.poller().stopped()).count();
  }

  int size() {
    return held.size();
  }

  @Override
  public void wake(UUID botId) {
    if (idle.busy(botId)) {
      held.get(botId).runner().scan();
    }
  }

  @Override
  public void idle(BotRunner runner) {
    Held h = held.get(runner.botId());
    if (h != null && h.runner() == runner && (h.poller() == null || h.poller().stopped())) {
      idle.idle(runner.botId());
    }
  }

  /** The bot's polling stopped on its own: it is let go as soon as it is idle, and a later sweep decides whether to poll it again. */
  private void pollStopped(BotRunner runner) {
    Held h = held.get(runner.botId());
    if (h != null && h.runner() == runner) {
      idle.now(runner.botId());
    }
  }

  @Override
  public void lost(BotRunner runner) {
    drop(runner);
  }

  @Override
  public void gone(BotRunner runner) {
    drop(runner);
  }

  /** The node's lease lapsed: every hold with it. */
  @Override
  public void lost(String node) {
    new ArrayList<>(held.values()).forEach(h -> drop(h.runner()));
  }

  /** Lets go, in one statement, of the bots idle for the linger time (a polled bot stays held while it is polled). */
  void letGoIdle() {
    pacers.entrySet().removeIf(p -> !held.containsKey(p.getKey()) && p.getValue().settled());
    String node = engine.lease().node();
    if (node == null || stopping) {
      return;
    }
    idle.letGo(node, botId -> held.containsKey(botId) ? held.get(botId).runner() : null, (botId, let, woken) -> {
      Held h = held.get(botId);
      if (h == null) {
        return;
      }
      if (let) {
        held.remove(botId);
        h.runner().stop();
        engine.profiles().forget(botId);
        if (woken) {
          take(botId, false);
        }
      } else if (woken) {
        h.runner().scan();
      }
    });
  }

  private void drop(BotRunner runner) {
    Held h = held.get(runner.botId());
    if (h == null || h.runner() != runner) {
      runner.stop();
      return;
    }
    held.remove(runner.botId());
    idle.forget(runner.botId());
    runner.stop();
    if (h.poller() != null) {
      h.poller().stop();
    }
    engine.profiles().forget(runner.botId());
  }

  /**
   * Takes no new bot and stops polling; lets the sends in flight finish and their outcomes be
   * written (at most {@code graceMs}), so that the bots' next holders do not send them again.
   */
  Future<Void> stop(long graceMs) {
    stopping = true;
    held.values().forEach(h -> {
      if (h.poller() != null) {
        h.poller().stop();
      }
      h.runner().drain();
    });
    return settled(System.nanoTime() + graceMs * 1_000_000L);
  }

  private Future<Void> settled(long until) {
    boolean busy = held.values().stream().anyMatch(h -> h.runner().busy()) || engine.outcomes().pending() > 0;
    if (!busy || System.nanoTime() > until) {
      if (busy) {
        LOG.warn("Update engine stopped with work in flight; the bots' next holders take it up");
      }
      return Future.succeededFuture();
    }
    return engine.vertx().timer(50).compose(v -> settled(until));
  }
}
