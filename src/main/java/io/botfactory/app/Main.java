package io.botfactory.app;

import ch.qos.logback.classic.LoggerContext;
import io.botfactory.cluster.VertxFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The entry point of {@code target/botfactory.jar}: loads the configuration, builds Vert.x,
 * starts the node, and stops it gracefully on SIGTERM. A configuration it cannot run with ends
 * the process at once with a one-line reason and exit code 2.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    JsonObject raw;
    AppConfig config;
    try {
      raw = loadConfig();
      config = AppConfig.from(raw);
    } catch (ConfigException e) {
      refuse(e.getMessage());
      return;
    }
    raw.put(VertxOptionsFactory.METRICS_REGISTRY, "botfactory");
    Vertx vertx;
    try {
      vertx = VertxFactory.create(config, "botfactory").await();
    } catch (RuntimeException e) {
      LOG.error("BotFactory could not join the cluster: {}", e.toString(), e);
      flushLogs();
      System.exit(1);
      return;
    }
    Application app;
    try {
      app = Application.start(vertx, raw).await();
    } catch (ConfigException e) {
      vertx.close();
      refuse(e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.error("BotFactory could not start: {}", e.toString(), e);
      vertx.close();
      flushLogs();
      System.exit(1);
      return;
    }
    // The order matters: HTTP stops accepting and finishes its requests, the services finish
    // theirs and close their pools, and only then does closing Vert.x leave the cluster.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping: finishing requests in flight");
      try {
        app.stop().compose(v -> vertx.close()).await(60, TimeUnit.SECONDS);
        LOG.info(vertx.isClustered() ? "Stopped; left the cluster" : "Stopped");
      } catch (Exception e) {
        LOG.warn("Stop did not complete cleanly: {}", e.toString());
      }
      flushLogs();
    }, "botfactory-shutdown"));
  }

  /** Logging is asynchronous: write out what is queued before the JVM exits. */
  private static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext) {
      ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
  }

  private static JsonObject loadConfig() {
    Vertx bootstrap = Vertx.vertx();
    try {
      return ConfigLoader.load(bootstrap).await();
    } catch (RuntimeException e) {
      throw new ConfigException("configuration could not be read: " + e.getMessage());
    } finally {
      bootstrap.close();
    }
  }

  private static void refuse(String reason) {
    System.err.println("botfactory: " + reason);
    System.exit(2);
  }
}
