package io.botfactory.app;

import io.botfactory.audience.AudienceVerticle;
import io.botfactory.auth.AuthVerticle;
import io.botfactory.bots.BotStoreVerticle;
import io.botfactory.bots.WebhookViewThrottle;
import io.botfactory.config.AppConfig;
import io.botfactory.config.DatabaseUrl;
import io.botfactory.config.Role;
import io.botfactory.db.EmbeddedDatabase;
import io.botfactory.deliveries.DeliveryWorker;
import io.botfactory.db.Migrations;
import io.botfactory.http.HttpVerticle;
import io.botfactory.engine.EngineVerticle;
import io.botfactory.inbox.InboxVerticle;
import io.botfactory.integration.IntegrationVerticle;
import io.botfactory.webhook.WebhookReconciler;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * One node of BotFactory: resolves its database (embedded PostgreSQL and generated dev secrets
 * when none is configured), applies migrations, then deploys the verticles its roles name, in
 * dependency order: storage, auth, webhook worker, then the HTTP instances, each given its
 * typed settings. {@link #stop()} undeploys in reverse, so HTTP stops taking requests first and
 * the pools close last.
 */
public final class Application {

  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private final Vertx vertx;
  private final String metricsRegistry;
  private final Deque<String> deployments = new ArrayDeque<>();
  private EmbeddedDatabase embedded;
  private AppConfig config;

  private Application(Vertx vertx, AppConfig config, String metricsRegistry) {
    this.vertx = vertx;
    this.config = config;
    this.metricsRegistry = metricsRegistry;
  }

  /** Starts a node on {@code vertx}; {@code metricsRegistry} names the registry {@code vertx} reports to. */
  public static Future<Application> start(Vertx vertx, AppConfig config, String metricsRegistry) {
    Application app = new Application(vertx, config, metricsRegistry);
    return app.prepareDatabase()
      .compose(v -> app.deployAll())
      .map(app)
      .recover(err -> app.stop().transform(ignored -> Future.failedFuture(err)));
  }

  /** The configuration the node runs with: in dev mode, with the embedded database and generated secrets. */
  public AppConfig config() {
    return config;
  }

  private Future<Void> prepareDatabase() {
    if (!config.needsDatabase()) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      if (!config.db().configured()) {
        LOG.info("Dev mode: no DATABASE_URL, starting the embedded PostgreSQL under {}", config.dataDir().toAbsolutePath());
        Path postgres = config.dataDir().resolve("postgres");
        DevSecrets secrets = DevSecrets.load(config.dataDir(), EmbeddedDatabase.requiresKnownPassword(postgres));
        embedded = EmbeddedDatabase.start(postgres, secrets.databasePassword(), true);
        config = config.inDevMode(embedded.url(), secrets.jwtSecret(), secrets.tokenKey(), secrets.webhookKey());
      }
      DatabaseUrl database = config.db().location();
      LOG.info("Database {}", database.describe());
      Migrations.apply(database);
      return null;
    });
  }

  private Future<Void> deployAll() {
    // One service instance per event loop, so a node's storage and auth work is not all on one thread.
    DeploymentOptions perEventLoop = new DeploymentOptions().setInstances(config.eventLoops());
    long busTimeout = config.bus().timeoutMs();
    Future<Void> chain = Future.succeededFuture();
    if (config.runs(Role.STORAGE)) {
      long storageDrain = config.bus().changeTimeoutMs();
      // One per node, shared by its storage instances: an account's webhook views are counted once.
      WebhookViewThrottle webhookViews = new WebhookViewThrottle(config.telegram().webhookViewsPerMinute());
      chain = chain.compose(v -> deploy(() -> new BotStoreVerticle(config.db(), config.tokenKey(), config.telegram(),
        webhookViews, storageDrain), perEventLoop));
      chain = chain.compose(v -> deploy(() -> new InboxVerticle(config.db(), busTimeout), perEventLoop));
      // Its bulk changes may run longer than a request usually waits; their callers wait as long.
      long bulk = config.bus().bulkTimeoutMs();
      chain = chain.compose(v -> deploy(() -> new AudienceVerticle(config.db().withStatementTimeoutMs(bulk), bulk),
        perEventLoop));
      chain = chain.compose(v -> deploy(() -> new IntegrationVerticle(config.db(), config.tokenKey(),
        config.deliveries().allowHttp(), busTimeout), perEventLoop));
    }
    if (config.runs(Role.AUTH)) {
      // Its callers wait up to the hash timeout for a sign-up or login: a stop waits as long for them.
      chain = chain.compose(v -> deploy(() -> new AuthVerticle(config.db(), config.argon2(), config.jwt(), config.login(),
        config.bus().hashTimeoutMs()), perEventLoop));
    }
    if (config.runs(Role.WEBHOOK)) {
      chain = chain.compose(v -> deploy(() -> new WebhookReconciler(config.db(), config.tokenKey(), config.telegram()),
        new DeploymentOptions()));
      chain = chain.compose(v -> deploy(() -> new EngineVerticle(config.db(), config.tokenKey(), config.telegram(),
        config.updates(), metricsRegistry), new DeploymentOptions()));
      chain = chain.compose(v -> deploy(() -> new DeliveryWorker(config.db(), config.tokenKey(), config.deliveries(),
        metricsRegistry), new DeploymentOptions()));
    }
    if (config.runs(Role.HTTP)) {
      DeploymentOptions http = new DeploymentOptions().setInstances(config.http().instances());
      chain = chain.compose(v -> deploy(() -> new HttpVerticle(config.http(), config.jwt(), config.bus(), config.telegram(),
        config.roles(), metricsRegistry), http));
    }
    return chain.onSuccess(v -> LOG.info("BotFactory node started with roles {}", config.roles()));
  }

  private Future<Void> deploy(Supplier<? extends Deployable> verticle, DeploymentOptions options) {
    return vertx.deployVerticle(verticle, options).onSuccess(deployments::push).mapEmpty();
  }

  /** Undeploys in reverse order (HTTP first, pools last), then stops the embedded database if any. */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    while (!deployments.isEmpty()) {
      String id = deployments.pop();
      chain = chain.compose(v -> vertx.undeploy(id).recover(err -> {
        LOG.warn("Undeploying {} failed: {}", id, err.toString());
        return Future.succeededFuture();
      }));
    }
    return chain.compose(v -> stopEmbeddedDatabase());
  }

  private Future<Void> stopEmbeddedDatabase() {
    if (embedded == null) {
      return Future.succeededFuture();
    }
    EmbeddedDatabase db = embedded;
    embedded = null;
    return vertx.executeBlocking(() -> {
      db.close();
      return null;
    });
  }
}
