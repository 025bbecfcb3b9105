package io.botfactory.app;

import ch.qos.logback.classic.LoggerContext;
import io.botfactory.config.AppConfig;
import io.botfactory.config.ConfigException;
import io.botfactory.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The entry point of {@code target/botfactory.jar}: loads the configuration, builds Vert.x,
 * starts the node, and stops it gracefully on SIGTERM. A configuration it cannot run with ends
 * the process at once with a one-line reason and exit code 2; any other failure to start, with
 * exit code 1.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final String METRICS_REGISTRY = "botfactory";

  private Main() {
  }

  public static void main(String[] args) {
    Vertx vertx = null;
    try {
      AppConfig config = AppConfig.from(loadConfig());
      vertx = startVertx(config);
      Application app = Application.start(vertx, config, METRICS_REGISTRY).await();
      stopOnShutdown(vertx, app);
    } catch (ConfigException e) {
      close(vertx);
      System.err.println("botfactory: " + e.getMessage());
      System.exit(2);
    } catch (RuntimeException e) {
      LOG.error("BotFactory could not start: {}", e.toString(), e);
      close(vertx);
      flushLogs();
      System.exit(1);
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

  private static Vertx startVertx(AppConfig config) {
    try {
      return NodeVertx.create(config, METRICS_REGISTRY).await();
    } catch (RuntimeException e) {
      throw new IllegalStateException("could not join the cluster: " + e, e);
    }
  }

  /**
   * The order matters: HTTP stops accepting and finishes its requests, the services finish
   * theirs and close their pools, and only then does closing Vert.x leave the cluster.
   */
  private static void stopOnShutdown(Vertx vertx, Application app) {
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

  private static void close(Vertx vertx) {
    if (vertx != null) {
      vertx.close();
    }
  }

  /** Logging is asynchronous: write out what is queued before the JVM exits. */
  private static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext) {
      ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
  }
}
