package io.botfactory.support;

import io.botfactory.app.AppConfig;
import io.botfactory.app.Application;
import io.botfactory.app.ConfigLoader;
import io.botfactory.app.VertxOptionsFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A whole BotFactory node (HTTP, auth, storage and webhook verticles on a real event bus) on a
 * free port of 127.0.0.1, against the test database. {@link #shared()} is one node for every
 * test class that needs nothing special; others start their own.
 */
public final class TestStack {

  /** Fixed test secrets: tests sign their own tokens with them to probe the gate. */
  public static final String JWT_SECRET = "test-secret-0123456789abcdef0123456789abcdef";
  public static final String TOKEN_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private static TestStack shared;

  public final Vertx vertx;
  public final Application app;
  public final int port;

  private TestStack(Vertx vertx, Application app, int port) {
    this.vertx = vertx;
    this.app = app;
    this.port = port;
  }

  public static synchronized TestStack shared() {
    if (shared == null) {
      shared = start(config(TestDatabase.url()));
    }
    return shared;
  }

  /** The committed defaults, pointed at {@code databaseUrl}, on a free loopback port. */
  public static JsonObject config(String databaseUrl) {
    Vertx vertx = Vertx.vertx();
    try {
      return ConfigLoader.load(vertx).await()
        .put(AppConfig.HTTP_HOST, "127.0.0.1")
        .put(AppConfig.HTTP_PORT, freePort())
        .put(AppConfig.DATABASE_URL, databaseUrl)
        .put(AppConfig.JWT_SECRET, JWT_SECRET)
        .put(AppConfig.TOKEN_KEY, TOKEN_KEY)
        // Every test client logs in from 127.0.0.1: the per-address limit is ThrottleTest's to probe.
        .put(AppConfig.LOGIN_MAX_FAILURES_PER_SOURCE, 1_000_000);
    } finally {
      vertx.close().await();
    }
  }

  public static TestStack start(JsonObject config) {
    String registry = "botfactory-" + java.util.UUID.randomUUID();
    config = config.copy().put(VertxOptionsFactory.METRICS_REGISTRY, registry);
    Vertx vertx = Vertx.builder().with(VertxOptionsFactory.create(AppConfig.from(config), registry)).build();
    Application app = Application.start(vertx, config).await();
    return new TestStack(vertx, app, Integer.parseInt(config.getValue(AppConfig.HTTP_PORT).toString()));
  }

  public void stop() {
    app.stop().compose(v -> vertx.close()).await();
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
