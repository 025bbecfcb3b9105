package io.botfactory.engine;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotChanged;
import io.botfactory.bus.BotEvent;
import io.botfactory.bus.BotTake;
import io.botfactory.bus.BusJson;
import io.botfactory.bus.EngineMessages;
import io.botfactory.bus.EngineUpdate;
import io.botfactory.bus.Failure;
import io.botfactory.bus.Ids;
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
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The update engine of a node (role {@code webhook}): it holds bots under the node's lease
 * ({@link NodeLease}, {@link HeldBots}) and answers their updates ({@link BotRunner}), which the
 * inbox hands on to it over the event bus once stored; in polling mode it also polls them
 * ({@link Poller}). The inbox is the record: sweeps take up what no live node holds (lost
 * messages, nodes that died) and read what a held bot's messages missed. It also keeps the
 * inbox: its depth for /metrics, and the purge of handled updates past their retention.
 */
public class EngineVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EngineVerticle.class);
  private static final long SWEEP_MS = 500;
  private static final long LAGGING_MS = 2000;
  private static final long DEPTH_MS = 5000;
  private static final long PURGE_MS = 60_000;
  private static final int PURGE_BATCH = 1000;
  /** Bots a sweep takes or reads at most: a node that died may have held thousands. */
  private static final int SWEEP_BATCH = 1000;
  /** How long a stop waits for the sends in flight to finish and be recorded. */
  private static final long STOP_GRACE_MS = 5000;

  private final DbSettings db;
  private final TokenKeySettings tokenKey;
  private final TelegramSettings telegramSettings;
  private final UpdateSettings settings;
  private final String metricsRegistry;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();
  private Pool pool;
  private Pool outcomePool;
  private Pool markPool;
  private TelegramClient telegram;
  private Engine engine;
  private HeldBots holds;
  private boolean stopping;

  public EngineVerticle(DbSettings db, TokenKeySettings tokenKey, TelegramSettings telegram, UpdateSettings settings,
                        String metricsRegistry) {
    this.db = db;
    this.tokenKey = tokenKey;
    this.telegramSettings = telegram;
    this.settings = settings;
    this.metricsRegistry = metricsRegistry;
  }

  @Override
  public Future<?> start() {
    // What the engine writes (holds, outcomes) is done again, never lost, if a database crash takes
    // a commit back: an outcome lost so is a reply sent twice. Not waiting for each flush takes the
    // disk off the reply path. Updates themselves are stored with durable commits (the inbox, and
    // polling's store).
    pool = Pools.forWorker(vertx, db, "engine", 1, true);
    // Outcomes have connections of their own (half as many): once Telegram has taken a reply, its
    // outcome must not queue behind the reads of a thousand bots.
    outcomePool = Pools.forWorker(vertx, db, "engine-outcomes", 2, true);
    // A broadcast's recipient is marked sending before its message goes out, durably: a mark a
    // database crash took back would have the recipient sent to again.
    markPool = Pools.forWorker(vertx, db, "engine-marks", 4, false);
    long leaseMs = settings.leaseSeconds() * 1000L;
    EngineStore store = new EngineStore(pool, outcomePool, settings.leaseSeconds(), TokenCipher.of(tokenKey)::decrypt);
    NodeLease lease = new NodeLease(store, leaseMs, leaseMs / 3, node -> holds.lost(node));
    telegram = TelegramClients.create(vertx, telegramSettings);
    EngineMetrics metrics = new EngineMetrics(BackendRegistries.getNow(metricsRegistry));
    QueueBudget budget = new QueueBudget(settings.queuePerNode());
    metrics.queued(budget);
    // A character of a reply is two bytes in memory.
    engine = new Engine(vertx, store, new BroadcastStore(pool, markPool, lease),
      new MessageStore(vertx, pool, markPool, lease), telegram, new Profiles(store, metrics, settings.profileCacheMb() * 512L * 1024),
      new Outcomes(vertx, store, lease, leaseMs), lease, metrics, settings, budget);
    holds = new HeldBots(engine);
    String node = lease.name();
    consumers.add(vertx.eventBus().consumer(Addresses.ENGINE_TAKE.name(), this::take));
    consumers.add(vertx.eventBus().consumer(Addresses.ENGINE_UPDATES.at(node).name(), this::arrive));
    consumers.add(vertx.eventBus().consumer(Addresses.ENGINE_CHANGES.at(node).name(), this::changed));
    consumers.add(vertx.eventBus().consumer(Addresses.ENGINE_MESSAGES.at(node).name(), this::messages));
    consumers.add(vertx.eventBus().consumer(Addresses.BOTS_EVENTS, this::event));
    every(Math.max(100, leaseMs / 6), lease::renew);
    every(SWEEP_MS, this::sweep);
    every(LAGGING_MS, this::lagging);
    every(1000, holds::letGoIdle);
    every(DEPTH_MS, () -> store.depth().onSuccess(engine.metrics()::depth));
    timers.add(vertx.setPeriodic(1000, PURGE_MS, id -> {
      purge();
      engine.store().forgetOldNodes();
    }));
    lease.renew(); // joins; nothing here waits for the database: a node started while it is away starts
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  /** Takes no new bot, lets the sends in flight finish and be recorded, then frees the node's bots for the others. */
  @Override
  public Future<?> stop() {
    stopping = true;
    timers.forEach(vertx::cancelTimer);
    return holds.stop(STOP_GRACE_MS)
      .compose(v -> engine.lease().leave())
      .recover(e -> {
        LOG.warn("Update engine stopped without freeing its bots ({}); they are free once its lease lapses", e.toString());
        return Future.succeededFuture();
      })
      .compose(v -> Future.join(consumers.stream().map(MessageConsumer::unregister).toList()))
      .compose(v -> {
        telegram.close();
        return Future.join(pool.close(), outcomePool.close(), markPool.close());
      });
  }

  private void every(long ms, Runnable action) {
    timers.add(vertx.setPeriodic(ms, id -> action.run()));
  }

  private void take(Message<JsonObject> message) {
    BotTake take = Addresses.ENGINE_TAKE.receive(message);
    UUID botId = take == null ? null : Ids.uuid(take.botId());
    if (botId != null && !stopping) {
      holds.take(botId, false);
    }
  }

  private void arrive(Message<JsonObject> message) {
    EngineUpdate update = Addresses.ENGINE_UPDATES.receive(message);
    UUID botId = update == null ? null : Ids.uuid(update.botId());
    if (botId != null && !stopping) {
      holds.arrive(botId, new Work(update.update().updateId(), update.update(), update.version(), update.receivedAt()));
    }
  }

  private void messages(Message<JsonObject> message) {
    EngineMessages queued = Addresses.ENGINE_MESSAGES.receive(message);
    UUID botId = queued == null ? null : Ids.uuid(queued.botId());
    if (botId != null && !stopping) {
      holds.messages(botId);
    }
  }

  private void changed(Message<JsonObject> message) {
    BotChanged change = Addresses.ENGINE_CHANGES.receive(message);
    if (change == null) {
      return;
    }
    UUID botId = Ids.uuid(change.botId());
    if (botId == null) {
      Failure.INVALID.reply(message, "[]");
      return;
    }
    holds.changed(botId, change.version()).onComplete(ar -> message.reply(new JsonObject()));
  }

  /** A bot changed through the API: its cached profile is read again before its next answer. */
  private void event(Message<JsonObject> message) {
    BotEvent event = BusJson.fromJson(message.body(), BotEvent.class);
    UUID botId = Ids.uuid(event.bot() == null ? null : event.bot().getString("id"));
    if (botId != null) {
      engine.profiles().forget(botId);
    }
  }

  /** Bots with updates no live node holds; in polling mode, the active bots no one polls, up to this node's share. */
  private void sweep() {
    String node = engine.lease().node();
    if (stopping || node == null) {
      return;
    }
    holds.sweep(node, SWEEP_BATCH);
    engine.broadcasts().start(SWEEP_BATCH).compose(started -> engine.broadcasts().runningHere(node))
      .onSuccess(running -> running.forEach(r -> holds.broadcast(r[1], r[0])))
      .onFailure(e -> LOG.warn("Sweep could not start or run broadcasts: {}", e.toString()));
    engine.messages().queuedHere(node).onSuccess(bots -> bots.forEach(holds::messages))
      .onFailure(e -> LOG.warn("Sweep could not look for queued messages: {}", e.toString()));
    int room = settings.pollMaxBots() - holds.polled();
    if (!telegramSettings.webhooks() && room > 0) {
      engine.store().toPoll(node, room).onSuccess(bots -> bots.forEach(b -> holds.take(b, true)));
    }
  }

  /** This node's bots with an update unhandled for a while that no message brought: read from the inbox. */
  private void lagging() {
    String node = engine.lease().node();
    if (stopping || node == null) {
      return;
    }
    engine.store().lagging(node, SWEEP_BATCH).onSuccess(rows -> rows.forEach(row ->
      holds.lagging(row.getUUID("bot_id"), row.getLong("first"))));
  }

  private void purge() {
    engine.store().purge(settings.retentionHours(), PURGE_BATCH).onSuccess(n -> {
      if (n == PURGE_BATCH && !stopping) {
        purge();
      }
    });
  }
}
