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

import java.util.UUID;

/**
 * The update workers of a node (role {@code webhook}): they hold bots (one worker per bot at a
 * time, across nodes, see {@link UpdateSql}; {@link HeldBots}) and handle their updates ({@link BotRunner}); in
 * polling mode they also poll them ({@link Poller}). A nudge from the inbox takes a bot up at
 * once; a sweep every second takes up whatever is due and held by no one (lost nudges, workers
 * that died), so an acknowledged update is handled even if the node that stored it, or the one
 * that was handling it, dies. They also keep the inbox: its depth for /metrics, and the purge of
 * handled updates past their retention.
 */
public class UpdateWorkers extends VerticleBase {

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
  private Pool pool;
  private Pool outcomes;
  private UpdateStore store;
  private TelegramClient telegram;
  private UpdateMetrics metrics;
  private MessageConsumer<JsonObject> nudges;
  private MessageConsumer<JsonObject> events;
  private long[] timers;
  private HeldBots holds;
  private boolean stopping;

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
    // What the workers write (holds, outcomes) is done again, never lost, if a database crash
    // takes a commit back: an outcome lost so is a reply sent twice. Not waiting for each flush
    // takes the disk off the reply path, and shortens the moment between Telegram taking a reply
    // and its outcome being written, in which a crashing worker makes the next send it again.
    // The updates themselves are stored with durable commits (the inbox, and storePolled).
    pool = Pools.forWorker(vertx, db, "updates", 1, true);
    // Outcomes have connections of their own (half as many): once Telegram has taken a reply,
    // its outcome must not queue behind the reads of a thousand bots, because a worker that dies
    // before writing it makes the next holder send the reply again. Measured in the benchmark's
    // crash run: behind the reads, about 900 replies were sent twice per kill.
    outcomes = Pools.forWorker(vertx, db, "update-outcomes", 2, true);
    TokenCipher cipher = TokenCipher.of(tokenKey);
    store = new UpdateStore(pool, outcomes, owner, settings.leaseSeconds(), cipher::decrypt);
    telegram = TelegramClients.create(vertx, telegramSettings);
    metrics = new UpdateMetrics(BackendRegistries.getNow(metricsRegistry));
    holds = new HeldBots(vertx, store, telegram, settings, metrics);
    nudges = vertx.eventBus().consumer(Addresses.UPDATES_NUDGE.name(), m -> take(UpdateNudge.fromJson(m.body()).botId()));
    events = vertx.eventBus().consumer(Addresses.BOTS_EVENTS, m -> changed(BotEvent.fromJson(m.body())));
    timers = new long[]{
      vertx.setPeriodic(SWEEP_MS, id -> sweep()),
      vertx.setPeriodic(settings.leaseSeconds() * 1000L / 3, id -> holds.renew()),
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
    return Future.join(nudges.unregister(), events.unregister())
      .compose(v -> holds.stop())
      .compose(v -> store.letGoAll())
      .recover(e -> {
        LOG.warn("Update worker stopped without letting its bots go ({}); they are free after the lease", e.toString());
        return Future.succeededFuture();
      })
      .compose(v -> {
        telegram.close();
        return Future.join(pool.close(), outcomes.close());
      });
  }

  /** A bot has updates: handle them here, if no other worker holds it. */
  private void take(String bot) {
    UUID botId = Ids.uuid(bot);
    if (botId != null) {
      holds.take(botId);
    }
  }

  /** A bot changed through the API: it is read again (a deactivated bot's poll stops there). */
  private void changed(BotEvent event) {
    UUID botId = Ids.uuid(event.bot() == null ? null : event.bot().getString("id"));
    if (botId != null) {
      holds.changed(botId);
    }
  }

  /** What no worker holds and is due; in polling mode, the active bots no one polls, up to this node's share. */
  private void sweep() {
    if (stopping) {
      return;
    }
    store.due(100).onSuccess(bots -> bots.forEach(b -> holds.hold(b, false)));
    int room = settings.pollMaxBots() - holds.polled();
    if (!telegramSettings.webhooks() && room > 0) {
      store.toPoll(room).onSuccess(bots -> bots.forEach(b -> holds.hold(b, true)));
    }
  }

  private void purge() {
    store.purge(settings.retentionHours(), PURGE_BATCH).onSuccess(n -> {
      if (n == PURGE_BATCH && !stopping) {
        purge();
      }
    });
  }
}
