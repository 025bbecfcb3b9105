package io.botfactory.app;

import io.botfactory.auth.AuthVerticle;
import io.botfactory.bots.BotStoreVerticle;
import io.botfactory.db.Database;
import io.botfactory.db.EmbeddedDatabase;
import io.botfactory.db.Migrations;
import io.botfactory.http.HttpVerticle;
import io.botfactory.webhook.WebhookWorkerVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * One node of BotFactory: resolves its database (embedded PostgreSQL and generated dev secrets
 * when none is configured), applies migrations, then deploys the verticles its roles name, in
 * dependency order: storage, auth, webhook worker, then the HTTP instances. {@link #stop()}
 * undeploys in reverse, so HTTP stops taking requests first and the pools close last.
 */
public final class Application {

  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private final Vertx vertx;
  private final Deque<String> deployments = new ArrayDeque<>();
  private EmbeddedDatabase embedded;
  private AppConfig config;

  private Application(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts a node on {@code vertx} from the merged configuration (see {@link ConfigLoader}). */
  public static Future<Application> start(Vertx vertx, JsonObject rawConfig) {
    Application app = new Application(vertx);
    JsonObject resolved = rawConfig.copy();
    return app.prepareDatabase(resolved)
      .compose(v -> app.deployAll(resolved))
      .map(app)
      .recover(err -> app.stop().transform(ignored -> Future.failedFuture(err)));
  }

  public AppConfig config() {
    return config;
  }

  private Future<Void> prepareDatabase(JsonObject resolved) {
    AppConfig first = AppConfig.from(resolved);
    if (!first.needsDatabase()) {
      config = first;
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      if (!first.db().configured()) {
        LOG.info("Dev mode: no DATABASE_URL, starting the embedded PostgreSQL under {}", first.dataDir().toAbsolutePath());
        embedded = EmbeddedDatabase.start(first.dataDir().resolve("postgres"), true);
        resolved.put(AppConfig.DATABASE_URL, embedded.url());
        DevSecrets.fill(resolved, first.dataDir());
      }
      config = AppConfig.from(resolved);
      Database database = Database.fromUrl(config.db().url());
      LOG.info("Database {}", database.describe());
      Migrations.apply(database);
      return null;
    });
  }

  private Future<Void> deployAll(JsonObject resolved) {
    DeploymentOptions one = new DeploymentOptions().setConfig(resolved);
    // One service instance per event loop, so a node's storage and auth work is not all on one thread.
    DeploymentOptions perEventLoop = new DeploymentOptions(one).setInstances(config.eventLoops());
    Future<Void> chain = Future.succeededFuture();
    if (config.roles().contains(Role.STORAGE)) {
      chain = chain.compose(v -> deploy(BotStoreVerticle::new, perEventLoop));
    }
    if (config.roles().contains(Role.AUTH)) {
      chain = chain.compose(v -> deploy(AuthVerticle::new, perEventLoop));
    }
    if (config.roles().contains(Role.WEBHOOK)) {
      chain = chain.compose(v -> deploy(WebhookWorkerVerticle::new, one));
    }
    if (config.roles().contains(Role.HTTP)) {
      DeploymentOptions http = new DeploymentOptions(one).setInstances(config.http().instances());
      chain = chain.compose(v -> deploy(HttpVerticle::new, http));
    }
    return chain.onSuccess(v -> LOG.info("BotFactory node started with roles {}", config.roles()));
  }

  private Future<Void> deploy(Supplier<? extends io.vertx.core.Deployable> verticle, DeploymentOptions options) {
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
    return chain.compose(v -> {
      if (embedded == null) {
        return Future.succeededFuture();
      }
      EmbeddedDatabase db = embedded;
      embedded = null;
      return vertx.executeBlocking(() -> {
        db.close();
        return null;
      });
    });
  }
}
