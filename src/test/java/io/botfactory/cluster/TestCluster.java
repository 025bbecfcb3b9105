package io.botfactory.cluster;

import io.botfactory.config.ConfigKey;

import io.botfactory.config.AppConfig;
import io.botfactory.support.Api;
import io.botfactory.support.ClusterCertificates;
import io.botfactory.support.NodeProcess;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A BotFactory cluster on 127.0.0.1 made of real processes ({@link NodeProcess}: the real Main,
 * configured by environment as an operator does), against the test database, its event bus over
 * TLS with the certificates {@link ClusterCertificates} makes. Every node gets its own Hazelcast
 * and event-bus ports, and every node lists all the Hazelcast ones as members. {@link #close()} kills
 * whatever is still running.
 */
final class TestCluster implements AutoCloseable {

  static final Duration START = Duration.ofSeconds(60);
  /** What a node prints once all its verticles are deployed. */
  static final String STARTED = "BotFactory node started";

  private final List<Integer> clusterPorts = new ArrayList<>();
  private final List<Integer> eventBusPorts = new ArrayList<>();
  private final List<NodeProcess> processes = new ArrayList<>();

  /** Room for {@code size} nodes, numbered from 0. */
  TestCluster(int size) {
    for (int i = 0; i < size; i++) {
      clusterPorts.add(TestStack.freePort());
      eventBusPorts.add(TestStack.freePort());
    }
  }

  String members() {
    return clusterPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  int clusterPort(int index) {
    return clusterPorts.get(index);
  }

  int eventBusPort(int index) {
    return eventBusPorts.get(index);
  }

  /**
   * The environment of node {@code index}: clustered with the test cluster's certificates, on the
   * test database, with the test secrets.
   */
  Map<String, String> env(int index, String roles, int httpPort) {
    Map<String, String> env = new HashMap<>(ClusterCertificates.cluster().env());
    env.put(ConfigKey.CLUSTER.key(), "true");
    env.put(ConfigKey.CLUSTER_HOST.key(), "127.0.0.1");
    env.put(ConfigKey.CLUSTER_PORT.key(), String.valueOf(clusterPorts.get(index)));
    env.put(ConfigKey.EVENTBUS_PORT.key(), String.valueOf(eventBusPorts.get(index)));
    env.put(ConfigKey.CLUSTER_MEMBERS.key(), members());
    env.put(ConfigKey.ROLES.key(), roles);
    env.put(ConfigKey.HTTP_HOST.key(), "127.0.0.1");
    env.put(ConfigKey.HTTP_PORT.key(), String.valueOf(httpPort));
    env.put(ConfigKey.HTTP_INSTANCES.key(), "1");
    env.put(ConfigKey.EVENT_LOOPS.key(), "2");
    env.put(ConfigKey.DATABASE_URL.key(), TestDatabase.url());
    env.put(ConfigKey.JWT_SECRET.key(), TestStack.JWT_SECRET);
    env.put(ConfigKey.TOKEN_KEY.key(), TestStack.TOKEN_KEY);
    env.put(ConfigKey.WEBHOOK_KEY.key(), TestStack.WEBHOOK_KEY);
    env.put(ConfigKey.TELEGRAM_API_URL.key(), TelegramDoubles.shared().apiUrl());
    env.put(ConfigKey.TELEGRAM_ALLOW_HTTP.key(), "true");
    env.put(ConfigKey.PUBLIC_URL.key(), "http://127.0.0.1:" + httpPort);
    // Every test logs in from 127.0.0.1 against one database: the per-address limit is not what these probe.
    env.put(ConfigKey.LOGIN_MAX_FAILURES_PER_SOURCE.key(), "1000000");
    env.put(ConfigKey.REGISTER_MAX_PER_SOURCE.key(), "1000000");
    return env;
  }

  /** Starts a node without waiting for it. */
  NodeProcess start(Map<String, String> env) {
    NodeProcess node = NodeProcess.start(env, Map.of());
    processes.add(node);
    return node;
  }

  /** Starts another entry point, such as a stranger's process, as a member of this cluster's processes. */
  NodeProcess start(String mainClass, Map<String, String> env) {
    NodeProcess node = NodeProcess.start(mainClass, env, Map.of());
    processes.add(node);
    return node;
  }

  NodeProcess start(int index, String roles, int httpPort) {
    return start(env(index, roles, httpPort));
  }

  /** The config of node {@code index} run in this JVM, with {@code roles}. */
  JsonObject inProcessConfig(int index, String roles) {
    JsonObject config = TestStack.config(TestDatabase.url());
    ClusterCertificates.cluster().env().forEach(config::put);
    return config
      .put(ConfigKey.CLUSTER.key(), "true")
      .put(ConfigKey.EVENTBUS_PORT.key(), eventBusPorts.get(index))
      .put(ConfigKey.CLUSTER_HOST.key(), "127.0.0.1")
      .put(ConfigKey.CLUSTER_PORT.key(), clusterPorts.get(index))
      .put(ConfigKey.CLUSTER_MEMBERS.key(), members())
      .put(ConfigKey.ROLES.key(), roles);
  }

  /**
   * Waits until the HTTP node {@code http} on {@code port} is up and ready (failing at once, with
   * its output, if the process ends), and returns a client for it.
   */
  static Api readyApi(Vertx vertx, NodeProcess http, int port) throws InterruptedException {
    http.awaitLive(port, START);
    Api api = new Api(vertx, port);
    awaitReady(api, START);
    return api;
  }

  /**
   * Waits until the HTTP node behind {@code api} listens and is ready: both services, and their
   * database, answer it.
   */
  static void awaitReady(Api api, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    int status = 0;
    while (System.nanoTime() < deadline) {
      try {
        status = api.get("/health/ready", null).statusCode();
      } catch (Exception notListeningYet) { // await() rethrows the ConnectException as it is
        status = 0;
      }
      if (status == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not ready through port " + api.port() + " in " + within + " (last status " + status + ")");
  }

  @Override
  public void close() {
    processes.forEach(NodeProcess::close);
  }
}
