package io.botfactory.deliveries;

import io.botfactory.bus.Addresses;
import io.botfactory.config.DbSettings;
import io.botfactory.config.DeliverySettings;
import io.botfactory.config.TokenKeySettings;
import io.botfactory.db.Pools;
import io.botfactory.security.EndpointSecrets;
import io.botfactory.security.TokenCipher;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery worker (role {@code webhook}, any number of nodes): delivers the outbox's events to
 * the owners' endpoints. It claims due deliveries under a lease ({@link DeliveryStore}), at most
 * {@code perEndpoint} per endpoint and {@code maxInFlight} in all, so a slow or dead endpoint
 * holds only its own few; signs each as Standard Webhooks, posts it ({@link EndpointClient}) and
 * records the attempt, with the next one on the retry schedule. {@code deliveries.due} wakes it;
 * a sweep every {@code sweepMs} finds whatever a lost wake-up or a dead worker left.
 */
public class DeliveryWorker extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
  /** Deliveries claimed at once. */
  static final int BATCH = 100;

  private final DbSettings db;
  private final TokenKeySettings tokenKey;
  private final DeliverySettings settings;
  private final String metricsRegistry;
  private final String owner = "deliveries-" + UUID.randomUUID();
  private final Map<UUID, Integer> busy = new HashMap<>();
  private Pool pool;
  private DeliveryStore store;
  private EndpointClient client;
  private DeliveryMetrics metrics;
  private MessageConsumer<Object> wakeUps;
  private long sweepTimer;
  private int inFlight;
  private boolean claiming;
  private boolean again;
  private boolean stopping;
  private Promise<Void> drained;

  public DeliveryWorker(DbSettings db, TokenKeySettings tokenKey, DeliverySettings settings, String metricsRegistry) {
    this.db = db;
    this.tokenKey = tokenKey;
    this.settings = settings;
    this.metricsRegistry = metricsRegistry;
  }

  @Override
  public Future<?> start() {
    // Commits need not wait for the disk: a record lost in a database crash is a delivery made again.
    pool = Pools.forWorker(vertx, db, "deliveries", 1, true);
    store = new DeliveryStore(pool, owner, TokenCipher.of(tokenKey), settings.timeoutMs() + 5000L);
    client = new EndpointClient(vertx, settings);
    metrics = new DeliveryMetrics(BackendRegistries.getNow(metricsRegistry));
    wakeUps = vertx.eventBus().consumer(Addresses.DELIVERIES_DUE.name(), message -> pump());
    return wakeUps.completion().onSuccess(v -> {
      sweepTimer = vertx.setPeriodic(settings.sweepMs(), id -> pump());
      pump();
    });
  }

  /** Takes no new work, lets the attempts in flight end (a deadline at most), then closes. */
  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(sweepTimer);
    drained = Promise.promise();
    if (inFlight == 0 && !claiming) {
      drained.tryComplete();
    }
    long timer = vertx.setTimer(settings.timeoutMs() + 1000L, id -> drained.tryComplete());
    return wakeUps.unregister().compose(v -> drained.future()).compose(v -> {
      vertx.cancelTimer(timer);
      client.close();
      return pool.close();
    });
  }

  /** Claims what is due, as far as the limits allow; a pump asked for meanwhile claims once more at the end. */
  private void pump() {
    if (stopping) {
      return;
    }
    int room = Math.min(BATCH, settings.maxInFlight() - inFlight);
    if (claiming || room <= 0) {
      again = true;
      return;
    }
    claiming = true;
    again = false;
    store.claim(room, settings.perEndpoint(), busy).onComplete(ar -> {
      claiming = false;
      if (ar.failed()) {
        LOG.warn("Delivery worker could not claim deliveries: {}", ar.cause().toString());
      } else {
        ar.result().forEach(this::deliver);
      }
      if (stopping) {
        settle();
      } else if (again || (ar.succeeded() && ar.result().size() == room)) {
        pump();
      }
    });
  }

  private void deliver(Claimed delivery) {
    inFlight++;
    busy.merge(delivery.endpointId(), 1, Integer::sum);
    long started = System.nanoTime();
    attempt(delivery).compose(attempt -> {
      metrics.attempt(System.nanoTime() - started);
      Long retry = attempt.delivered() ? null : retryAfter(delivery, attempt);
      metrics.outcome(outcome(attempt, retry));
      if (attempt.delivered()) {
        metrics.lag(Duration.between(delivery.createdAt(), OffsetDateTime.now()));
      }
      return store.record(new DeliveryStore.Recorded(delivery.id(), attempt, retry));
    }).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("Delivery {} not recorded ({}); it is due again when its lease ends", delivery, ar.cause().toString());
      }
      inFlight--;
      busy.computeIfPresent(delivery.endpointId(), (k, n) -> n == 1 ? null : n - 1);
      if (stopping) {
        settle();
      } else {
        pump();
      }
    });
  }

  private Future<Attempt> attempt(Claimed delivery) {
    if (!delivery.enabled()) {
      return Future.succeededFuture(Attempt.notTried("the endpoint is disabled"));
    }
    if (delivery.secret() == null) {
      return Future.succeededFuture(Attempt.notTried("the endpoint's secret is sealed with a key this node does not have"));
    }
    long timestamp = System.currentTimeMillis() / 1000;
    String id = delivery.eventId().toString();
    List<String> secrets = new ArrayList<>(2);
    secrets.add(delivery.secret());
    if (delivery.previousSecret() != null) {
      secrets.add(delivery.previousSecret());
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
      .add("Content-Type", "application/json")
      .add("User-Agent", "BotFactory-Webhooks/1")
      .add("webhook-id", id)
      .add("webhook-timestamp", Long.toString(timestamp))
      .add("webhook-signature", EndpointSecrets.signature(secrets, id, timestamp, delivery.body().getBytes()));
    return client.post(delivery.url(), headers, delivery.body());
  }

  /** The wait before the next attempt, or null when none is left (or the endpoint is disabled). */
  private Long retryAfter(Claimed delivery, Attempt attempt) {
    if (!attempt.tried() && delivery.secret() != null) {
      return null;
    }
    long ms = settings.retryAfterMs(delivery.attempts() + 1);
    return ms < 0 ? null : ms;
  }

  private static String outcome(Attempt attempt, Long retry) {
    if (attempt.delivered()) {
      return "delivered";
    }
    if (!attempt.tried()) {
      return "skipped";
    }
    if (attempt.error() != null && attempt.error().startsWith("refused:")) {
      return "refused";
    }
    return retry == null ? "failed" : "retried";
  }

  private void settle() {
    if (inFlight == 0 && !claiming && drained != null) {
      drained.tryComplete();
    }
  }
}
