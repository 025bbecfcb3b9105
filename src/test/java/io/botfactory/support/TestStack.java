package io.botfactory.support;

import io.botfactory.config.ConfigKey;

import io.botfactory.config.AppConfig;
import io.botfactory.app.Application;
import io.botfactory.config.ConfigLoader;
import io.botfactory.app.NodeVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A whole BotFactory node (HTTP, auth, storage and webhook verticles on a real event bus) on a
 * free port of 127.0.0.1, against the test database. {@link #shared()} is one node for every
 * test class that needs nothing special; others start their own.
 */
public final class TestStack {

  private static final int LOWEST_PORT = 20_000;
  private static final int ALL_PORTS = 12_000;
  /**
   * Test JVMs run side by side (surefire's forkCount, which numbers them from 1 in
   * botfactory.test.fork): each takes ports from a quarter of the range of its own, so that a port
   * one JVM found free and hands to a node starting later is not found free by another meanwhile.
   */
  private static final int FORK = Integer.getInteger("botfactory.test.fork", 0);
  private static final int PORTS = FORK > 0 ? ALL_PORTS / 4 : ALL_PORTS;
  private static final int FIRST_PORT = LOWEST_PORT + (FORK > 0 ? (FORK - 1) % 4 * PORTS : 0);
  private static final Set<Integer> GIVEN_PORTS = ConcurrentHashMap.newKeySet();

  /** Fixed test secrets: tests sign their own tokens with them to probe the gate. */
  public static final String JWT_SECRET = "test-secret-0123456789abcdef0123456789abcdef";
  public static final String TOKEN_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  public static final String WEBHOOK_KEY = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

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

  /**
   * The committed defaults, pointed at {@code databaseUrl}, on a free loopback port, talking to
   * the shared Telegram double, which delivers webhooks to this node's port.
   */
  public static JsonObject config(String databaseUrl) {
    Vertx vertx = Vertx.vertx();
    int port = freePort();
    try {
      return ConfigLoader.load(vertx).await()
        .put(ConfigKey.HTTP_HOST.key(), "127.0.0.1")
        .put(ConfigKey.HTTP_PORT.key(), port)
        .put(ConfigKey.TELEGRAM_API_URL.key(), TelegramDoubles.shared().apiUrl())
        // The double listens on the loopback without TLS: http is allowed for it, and only for it.
        .put(ConfigKey.TELEGRAM_ALLOW_HTTP.key(), true)
        .put(ConfigKey.PUBLIC_URL.key(), "http://127.0.0.1:" + port)
        .put(ConfigKey.WEBHOOK_KEY.key(), WEBHOOK_KEY)
        // Tests wait for sweeps: often, so that they take seconds, not minutes.
        .put(ConfigKey.WEBHOOK_SWEEP_MS.key(), 500)
        // And for a failing bot to come right once its fault is gone: its retries wait 1 or 2 s, not up to 5 minutes.
        .put(ConfigKey.WEBHOOK_RETRY_MAX_S.key(), 2)
        // An idle bot is let go after two seconds (thirty by default), so tests see it happen.
        .put(ConfigKey.UPDATE_LINGER_MS.key(), 2000)
        .put(ConfigKey.DATABASE_URL.key(), databaseUrl)
        .put(ConfigKey.JWT_SECRET.key(), JWT_SECRET)
        .put(ConfigKey.TOKEN_KEY.key(), TOKEN_KEY)
        // Argon2 at a small part of the committed cost (1 MiB and one pass, not 19 MiB and two): tests sign up
        // and log in hundreds of times. The tests of hashing itself put the committed cost back (committedArgon2).
        .put(ConfigKey.ARGON2_MEMORY_KIB.key(), 1024)
        .put(ConfigKey.ARGON2_ITERATIONS.key(), 1)
        // Every test client signs up and logs in from 127.0.0.1: the per-address limits are
        // ThrottleTest's and SignUpThrottleTest's to probe.
        .put(ConfigKey.LOGIN_MAX_FAILURES_PER_SOURCE.key(), 1_000_000)
        .put(ConfigKey.REGISTER_MAX_PER_SOURCE.key(), 1_000_000);
    } finally {
      vertx.close().await();
    }
  }

  /**
   * {@code config} with the committed Argon2 cost, for a test of what hashing costs or of what is in
   * flight while it runs ({@link #config} makes it cheap).
   */
  public static JsonObject committedArgon2(JsonObject config) {
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject committed = ConfigLoader.load(vertx).await();
      return config.put(ConfigKey.ARGON2_MEMORY_KIB.key(), committed.getValue(ConfigKey.ARGON2_MEMORY_KIB.key()))
        .put(ConfigKey.ARGON2_ITERATIONS.key(), committed.getValue(ConfigKey.ARGON2_ITERATIONS.key()));
    } finally {
      vertx.close().await();
    }
  }

  /**
   * Dev mode as a user meets it: the committed defaults with nothing configured for a database or
   * secrets, only the data directory (and a free loopback port) changed.
   */
  public static JsonObject devConfig(java.nio.file.Path dataDir) {
    return config("")
      .put(ConfigKey.DATABASE_URL.key(), "")
      .put(ConfigKey.JWT_SECRET.key(), "")
      .put(ConfigKey.TOKEN_KEY.key(), "")
      .put(ConfigKey.DATA_DIR.key(), dataDir.toString());
  }

  /** A node with its own Vert.x and metrics registry, configured by {@code config} (see {@link #config}). */
  public static TestStack start(JsonObject config) {
    String registry = "botfactory-" + java.util.UUID.randomUUID();
    AppConfig typed = AppConfig.from(config);
    Vertx vertx = NodeVertx.create(typed, registry).await();
    Application app = Application.start(vertx, typed, registry).await();
    return new TestStack(vertx, app, typed.http().port());
  }

  public void stop() {
    app.stop().compose(v -> vertx.close()).await();
  }

  /**
   * A port nothing listens on, for a server a test starts later (often in another process). Taken
   * below Linux's ephemeral range (32768-60999): a port bound to 0 and given back is soon the
   * local port of some outgoing connection, and a node that came to bind it minutes later found it
   * taken. Never the same port twice in a run.
   */
  public static int freePort() {
    for (int tries = 0; tries < 1000; tries++) {
      int port = FIRST_PORT + ThreadLocalRandom.current().nextInt(PORTS);
      if (!GIVEN_PORTS.add(port)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        return port;
      } catch (IOException e) {
        // in use: another
      }
    }
    throw new UncheckedIOException(new IOException("no free port in " + FIRST_PORT + "-" + (FIRST_PORT + PORTS - 1)));
  }
}
