package io.botfactory.webhook;

import io.botfactory.bus.Addresses;
import io.botfactory.config.DbSettings;
import io.botfactory.config.TelegramSettings;
import io.botfactory.config.TokenKeySettings;
import io.botfactory.db.Pools;
import io.botfactory.security.TokenCipher;
import io.botfactory.telegram.TelegramClient;
import io.botfactory.telegram.TelegramClients;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The webhook worker (role {@code webhook}, any number of nodes): keeps Telegram in step with
 * what PostgreSQL says each bot should have there. It claims due rows of {@code webhooks} in
 * batches (see {@link WebhookSql}) and brings each to Telegram ({@link WebhookSync}). A
 * {@code bots.events} message only wakes it early; a sweep every {@code sweepMs} finds all due
 * work even if every event was lost. A stop takes no new work, lets the calls in flight finish,
 * hands back whatever it still holds, and never calls deleteWebhook for the stop's sake.
 */
public class WebhookReconciler extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookReconciler.class);
  /** Rows claimed at once; each is a different Telegram bot, worked on concurrently. */
  static final int BATCH = 32;

  private final DbSettings db;
  private final TokenKeySettings tokenKey;
  private final TelegramSettings settings;
  private final String owner = "webhook-" + UUID.randomUUID();
  private Pool pool;
  private TelegramClient telegram;
  private WebhookStore store;
  private WebhookSync sync;
  private MessageConsumer<Object> wakeUps;
  private long sweepTimer;
  private boolean running;
  private boolean again;
  private boolean stopping;
  private boolean reconfigured;
  private String fingerprint;
  private Promise<Void> idle;

  public WebhookReconciler(DbSettings db, TokenKeySettings tokenKey, TelegramSettings settings) {
    this.db = db;
    this.tokenKey = tokenKey;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    pool = Pools.forWorker(vertx, db, "webhook", 1, false);
    telegram = TelegramClients.create(vertx, settings);
    TokenCipher cipher = TokenCipher.of(tokenKey);
    store = new WebhookStore(pool, owner, settings.leaseSeconds(), cipher::decrypt);
    WebhookTarget target = new WebhookTarget(settings);
    sync = new WebhookSync(telegram, target, store, settings.verify(), settings.retryMaxSeconds());
    fingerprint = target.fingerprint();
    wakeUps = vertx.eventBus().consumer(Addresses.BOTS_EVENTS, event -> sweep());
    // Nothing here waits for the database: a worker started while PostgreSQL is away starts,
    // and its sweeps begin as soon as it is back.
    return wakeUps.completion().onSuccess(v -> {
      sweepTimer = vertx.setPeriodic(settings.sweepMs(), id -> sweep());
      sweep();
    });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(sweepTimer);
    Future<Void> drained = running ? (idle = Promise.promise()).future() : Future.succeededFuture();
    return wakeUps.unregister()
      .compose(v -> drained)
      .compose(v -> store.releaseAll())
      .recover(e -> {
        LOG.warn("Webhook worker stopped without handing back its claims ({}); they expire on their own", e.toString());
        return Future.succeededFuture();
      })
      .compose(v -> {
        telegram.close();
        return pool.close();
      });
  }

  /** Claims and works batches until none is due; a sweep asked for meanwhile runs once more at the end. */
  private void sweep() {
    if (stopping) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    configurationChecked()
      .compose(v -> store.claim(BATCH))
      .compose(jobs -> Future.join(work(jobs)).map(jobs.size()))
      .onComplete(ar -> {
        running = false;
        if (ar.failed()) {
          LOG.warn("Webhook worker could not claim work: {}", ar.cause().toString());
        }
        if (stopping) {
          if (idle != null) {
            idle.tryComplete();
          }
        } else if (again || (ar.succeeded() && ar.result() == BATCH)) {
          sweep();
        }
      });
  }

  /** Once per start: rows confirmed under another configuration are made due again. */
  private Future<Void> configurationChecked() {
    if (reconfigured) {
      return Future.succeededFuture();
    }
    return store.reconfigured(fingerprint).map(n -> {
      reconfigured = true;
      if (n > 0) {
        LOG.info("{} bot(s) were brought to Telegram under another configuration: they are due again", n);
      }
      return null;
    });
  }

  private List<Future<Void>> work(List<WebhookJob> jobs) {
    List<Future<Void>> done = new ArrayList<>(jobs.size());
    for (WebhookJob job : jobs) {
      done.add(sync.run(job));
    }
    return done;
  }
}
