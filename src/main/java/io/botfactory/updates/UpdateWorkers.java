package io.botfactory.updates;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotEvent;
import io.botfactory.bus.Ids;
import io.botfactory.bus.UpdateNudge;
import io.botfactory.config.DbSettings;
import io.botfactory.config.TelegramSettings;
import io.botfactory.config.TokenKeySettings;
import io.botfactory.config.UpdateSettings;
import io.botfactory.db.Pools;
import io.botfactory.security.TokenCipher;
import io.botfactory.telegram.TelegramClient;
import io.botfactory.telegram.TelegramClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The update workers of a node (role {@code webhook}): they hold bots (one worker per bot at a
 * time, across nodes, see {@link UpdateSql}) and handle their updates ({@link BotRunner}); in
 * polling mode they also poll them ({@link Poller}). A nudge from the inbox takes a bot up at
 * once; a sweep every second takes up whatever is due and held by no one (lost nudges, workers
 * that died), so an acknowledged update is handled even if the node that stored it, or the one
 * that was handling it, dies. They also keep the inbox: its depth for /metrics, and the purge of
 * handled updates past their retention.
 */
public class UpdateWorkers extends VerticleBase implements BotRunner.Host {

  /** How long work waits for a database connection in a busy pool before it is given up and done later. */
  private static final int WORKER_POOL_WAIT_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(UpdateWorkers.class);
  private static final long SWEEP_MS = 1000;
  private static final long DEPTH_MS = 5000;
  private static final long PURGE_MS = 60_000;
  private static final int PURGE_BATCH = 1000;

  private final DbSettings db;
  private final TokenKeySettings tokenKey;
  private final TelegramSettings telegramSettings;
  private final UpdateSettings settings;
  private final String metricsRegistry;
  private final String owner = "updates-" + UUID.randomUUID();
  private final Map<UUID, Held> held = new HashMap<>();
  private final Set<UUID> taking = new HashSet<>();
  private final Map<UUID, SendPacer> pacers = new HashMap<>();
  private Pool pool;
  private UpdateStore store;
  private TelegramClient telegram;
  private UpdateMetrics metrics;
  private MessageConsumer<JsonObject> nudges;
  private MessageConsumer<JsonObject> events;
  private long[] timers;
  private boolean stopping;

  /** A bot this worker holds: its runner, and its poller in polling mode. */
  private record Held(BotRunner runner, Poller poller) {
  }

  public UpdateWorkers(DbSettings db, TokenKeySettings tokenKey, TelegramSettings telegram, UpdateSettings settings,
                       String metricsRegistry) {
    this.db = db;
    this.tokenKey = tokenKey;
    this.telegramSettings = telegram;
    this.settings = settings;
    this.metricsRegistry = metricsRegistry;
  }

  @Override
  public Future<?> start() {
    pool = Pools.create(vertx, db, "updates", 1, WORKER_POOL_WAIT_MS);
    TokenCipher cipher = TokenCipher.of(tokenKey);
    store = new UpdateStore(pool, owner, settings.leaseSeconds(), cipher::decrypt);
    telegram = TelegramClients.create(vertx, telegramSettings);
    metrics = new UpdateMetrics(BackendRegistries.getNow(metricsRegistry));
    nudges = vertx.eventBus().consumer(Addresses.UPDATES_NUDGE.name(), m -> take(UpdateNudge.fromJson(m.body()).botId()));
    events = vertx.eventBus().consumer(Addresses.BOTS_EVENTS, m -> changed(BotEvent.fromJson(m.body())));
    timers = new long[]{
      vertx.setPeriodic(SWEEP_MS, id -> sweep()),
      vertx.setPeriodic(settings.leaseSeconds() * 1000L / 3, id -> renew()),
      vertx.setPeriodic(DEPTH_MS, id -> store.depth().onSuccess(metrics::depth)),
      vertx.setPeriodic(1000, PURGE_MS, id -> purge())};
    return Future.all(nudges.completion(), events.completion());
  }

  /** Takes no new bot, stops polling, lets the rounds under way end, then lets every bot go for the others. */
  @Override
  public Future<?> stop() {
    stopping = true;
    for (long timer : timers) {
      vertx.cancelTimer(timer);
    }
    held.values().stream().filter(h -> h.poller() != null).forEach(h -> h.poller().stop());
    return Future.join(nudges.unregister(), events.unregister())
      .compose(v -> roundsOver(50))
      .compose(v -> store.letGoAll())
      .recover(e -> {
        LOG.warn("Update worker stopped without letting its bots go ({}); they are free after the lease", e.toString());
        return Future.succeededFuture();
      })
      .compose(v -> {
        telegram.close();
        return pool.close();
      });
  }

  /** A bot has updates: handle them here, if no other worker holds it. */
  private void take(String bot) {
    UUID botId = Ids.uuid(bot);
    Held current = botId == null ? null : held.get(botId);
    if (current != null) {
      current.runner().wake();
    } else if (botId != null) {
      hold(botId, false);
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
        BotRunner runner = new BotRunner(vertx, botId, store, telegram, pacer, metrics, this);
        Poller poller = polled ? new Poller(vertx, runner, store, telegram, settings.pollTimeoutSeconds(), runner::wake) : null;
        held.put(botId, new Held(runner, poller));
        runner.wake();
      }
    });
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
    store.letGoIfIdle(runner.botId()).onComplete(ar -> {
      if (ar.succeeded() && ar.result()) {
        held.remove(runner.botId());
      } else {
        runner.wake();
      }
    });
  }

  @Override
  public void gone(BotRunner runner) {
    drop(runner.botId());
  }

  @Override
  public void failed(BotRunner runner, Throwable cause) {
    LOG.warn("Bot {}: handling interrupted ({}); tried again shortly", runner.botId(), cause.toString());
    vertx.setTimer(1000, id -> {
      if (held.get(runner.botId()) != null && held.get(runner.botId()).runner() == runner) {
        runner.wake();
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

  /** A bot changed through the API: it is read again (a deactivated bot's poll stops there). */
  private void changed(BotEvent event) {
    UUID botId = Ids.uuid(event.bot() == null ? null : event.bot().getString("id"));
    Held h = botId == null ? null : held.get(botId);
    if (h != null) {
      h.runner().wake();
    }
  }

  /** What no worker holds and is due; in polling mode, the active bots no one polls, up to this node's share. */
  private void sweep() {
    if (stopping) {
      return;
    }
    store.due(100).onSuccess(bots -> bots.forEach(b -> hold(b, false)));
    int room = settings.pollMaxBots() - (int) held.values().stream().filter(h -> h.poller() != null).count();
    if (!telegramSettings.webhooks() && room > 0) {
      store.toPoll(room).onSuccess(bots -> bots.forEach(b -> hold(b, true)));
    }
  }

  /** Keeps the holds alive; a bot whose hold was lost (this worker was too slow) is dropped here. */
  private void renew() {
    pacers.entrySet().removeIf(p -> !held.containsKey(p.getKey()) && p.getValue().settled());
    store.renew().onSuccess(stillHeld -> {
      for (UUID botId : List.copyOf(held.keySet())) {
        Held h = held.get(botId);
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

  private void purge() {
    store.purge(settings.retentionHours(), PURGE_BATCH).onSuccess(n -> {
      if (n == PURGE_BATCH && !stopping) {
        purge();
      }
    });
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
