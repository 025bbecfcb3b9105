package io.botfactory.updates;

import io.botfactory.config.UpdateSettings;
import io.botfactory.telegram.TelegramClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The bots one update worker holds, and the life of each hold: taken (when no other worker has
 * the bot), woken by new updates, kept a while when idle, let go, or lost to another worker when
 * its lease ran out. Runs on the worker's event loop only.
 */
final class HeldBots implements BotRunner.Host {

  private static final Logger LOG = LoggerFactory.getLogger(HeldBots.class);
  /**
   * How long a bot with nothing to do stays held before it is let go. A bot that just had an
   * update often has another soon: keeping it spares a hold and a let-go (two commits) per
   * update.
   */
  static final long LINGER_MS = 5000;

  private final Vertx vertx;
  private final UpdateStore store;
  private final TelegramClient telegram;
  private final UpdateSettings settings;
  private final UpdateMetrics metrics;
  private final Map<UUID, Held> held = new HashMap<>();
  private final Set<UUID> taking = new HashSet<>();
  /**
   * Bots being let go (the let-go under way), each with whether it was woken meanwhile. A runner
   * is not woken while its bot is let go: the let-go may succeed (the update that woke it
   * committed after its snapshot), and a runner without the hold would send a reply whose
   * outcome is refused, so that the bot's next holder sends it again. The bot is held anew
   * instead, once the let-go is through.
   */
  private final Map<UUID, Boolean> lettingGo = new HashMap<>();
  /** Idle bots still held, each with the timer that lets it go ({@link #LINGER_MS}). */
  private final Map<UUID, Long> lingering = new HashMap<>();
  /** Kept past a let-go until settled, so that a bot taken up again keeps its pace. */
  private final Map<UUID, SendPacer> pacers = new HashMap<>();
  private boolean stopping;

  /** A bot this worker holds: its runner, and its poller in polling mode. */
  private record Held(BotRunner runner, Poller poller) {
  }

  HeldBots(Vertx vertx, UpdateStore store, TelegramClient telegram, UpdateSettings settings, UpdateMetrics metrics) {
    this.vertx = vertx;
    this.store = store;
    this.telegram = telegram;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** A bot has updates: handle them here, if no other worker holds it. */
  void take(UUID botId) {
    Held current = held.get(botId);
    if (current != null) {
      wake(botId, current.runner());
    } else {
      hold(botId, false);
    }
  }

  /** A bot changed through the API: it is read again (a deactivated bot's poll stops there). */
  void changed(UUID botId) {
    Held h = held.get(botId);
    if (h != null) {
      wake(botId, h.runner());
    }
  }

  /** Holds the bot (when no other worker does) and runs it; polls it too when {@code polled}. */
  void hold(UUID botId, boolean polled) {
    if (stopping || held.containsKey(botId) || !taking.add(botId)) {
      return;
    }
    store.hold(botId).onComplete(ar -> {
      taking.remove(botId);
      if (ar.succeeded() && ar.result() && !stopping && !held.containsKey(botId)) {
        SendPacer pacer = pacers.computeIfAbsent(botId,
          id -> new SendPacer(vertx, settings.botPerSecond(), settings.chatIntervalMs()));
        BotRunner runner = new BotRunner(vertx, botId, settings.leaseSeconds() * 1000L, store, telegram, pacer,
          metrics, this);
        Poller poller = polled ? new Poller(vertx, runner, store, telegram, settings.pollTimeoutSeconds(), runner::wake) : null;
        held.put(botId, new Held(runner, poller));
        runner.wake();
      }
    });
  }

  /** How many bots this worker polls. */
  int polled() {
    return (int) held.values().stream().filter(h -> h.poller() != null).count();
  }

  /** Wakes the bot's runner, or, while the bot is being let go, holds the bot again after. */
  private void wake(UUID botId, BotRunner runner) {
    Long linger = lingering.remove(botId);
    if (linger != null) {
      vertx.cancelTimer(linger);
    }
    if (lettingGo.containsKey(botId)) {
      lettingGo.put(botId, true);
    } else {
      runner.wake();
    }
  }

  @Override
  public void idle(BotRunner runner) {
    Held h = held.get(runner.botId());
    if (h == null || h.runner() != runner) {
      return;
    }
    if (h.poller() != null && !h.poller().stopped()) {
      h.poller().startOnce(runner.profile().pollOffset()); // a polled bot stays held while it is polled
      return;
    }
    UUID botId = runner.botId();
    Long previous = lingering.put(botId, vertx.setTimer(LINGER_MS, id -> {
      lingering.remove(botId);
      letGo(runner);
    }));
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }

  /** The bot has lingered: let it go, unless its runner got something to do meanwhile. */
  private void letGo(BotRunner runner) {
    UUID botId = runner.botId();
    Held h = held.get(botId);
    if (stopping || h == null || h.runner() != runner || runner.busy()) {
      return;
    }
    lettingGo.put(botId, false);
    store.letGoIfIdle(botId).onComplete(ar -> {
      boolean woken = lettingGo.remove(botId);
      if (ar.succeeded() && ar.result()) {
        held.remove(botId);
        if (woken) {
          hold(botId, false);
        }
      } else {
        runner.wake();
      }
    });
  }

  @Override
  public void gone(BotRunner runner) {
    Held h = held.get(runner.botId());
    if (h != null && h.runner() == runner) {
      drop(runner.botId());
    }
  }

  @Override
  public void failed(BotRunner runner, Throwable cause) {
    LOG.warn("Bot {}: handling interrupted ({}); tried again shortly", runner.botId(), cause.toString());
    vertx.setTimer(1000, id -> {
      if (held.get(runner.botId()) != null && held.get(runner.botId()).runner() == runner) {
        wake(runner.botId(), runner);
      }
    });
  }

  private void drop(UUID botId) {
    Held h = held.remove(botId);
    if (h != null && h.poller() != null) {
      h.poller().stop();
    }
    store.letGo(botId);
  }

  /**
   * Keeps the holds alive; a bot whose hold was lost (this worker was too slow) is dropped here.
   * Only the holds taken before the renewal was asked are judged by its answer: a bot held while
   * it ran is not in it, and dropping that one would let a second runner take the bot up beside
   * the first, both under this worker's name.
   */
  void renew() {
    pacers.entrySet().removeIf(p -> !held.containsKey(p.getKey()) && p.getValue().settled());
    Map<UUID, Held> asked = new HashMap<>(held);
    store.renew().onSuccess(stillHeld -> {
      for (Map.Entry<UUID, Held> before : asked.entrySet()) {
        UUID botId = before.getKey();
        Held h = held.get(botId);
        if (h != before.getValue()) {
          continue; // let go, or held anew, since
        }
        if (!stillHeld.contains(botId)) {
          held.remove(botId); // lost: another worker has it now; what this one writes is refused
          if (h.poller() != null) {
            h.poller().stop();
          }
        } else if (h.poller() != null && h.poller().stopped() && !h.runner().busy()) {
          drop(botId); // its poll stopped (bot inactive, token rejected): free for a later sweep to decide
        }
      }
    });
  }

  /** Takes no new bot and stops polling; completes once no round is under way, or after five seconds. */
  Future<Void> stop() {
    stopping = true;
    lingering.values().forEach(vertx::cancelTimer);
    lingering.clear();
    held.values().stream().filter(h -> h.poller() != null).forEach(h -> h.poller().stop());
    return roundsOver(50);
  }

  /** Completes once no round is under way, or after {@code tries} checks 100 ms apart. */
  private Future<Void> roundsOver(int tries) {
    boolean busy = held.values().stream().anyMatch(h -> h.runner().busy());
    if (!busy || tries == 0) {
      return Future.succeededFuture();
    }
    return vertx.timer(100).compose(v -> roundsOver(tries - 1));
  }
}
