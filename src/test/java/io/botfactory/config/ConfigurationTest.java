package io.botfactory.config;

import io.botfactory.config.ConfigKey;

import io.botfactory.support.NodeProcess;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Configuration as an operator meets it: the layers and their order, and a process that refuses
 * to start, with one line saying why, when production secrets are missing or weak.
 */
class ConfigurationTest {

  private static final Duration START = Duration.ofSeconds(60);

  @Test
  void aConfiguredDatabaseWithoutSecretsRefusesToStart() throws Exception {
    // The processes run side by side, each checked once it has ended: every refusal is a JVM's start.
    try (Refusals refusals = new Refusals()) {
      refusals.expect(Map.of("DATABASE_URL", TestDatabase.url()), "BOTFACTORY_JWT_SECRET");
      refusals.expect(Map.of("DATABASE_URL", TestDatabase.url(), "BOTFACTORY_JWT_SECRET", TestStack.JWT_SECRET),
        "BOTFACTORY_TOKEN_KEY");
      refusals.expect(Map.of("DATABASE_URL", TestDatabase.url(), "BOTFACTORY_JWT_SECRET", "too-short",
        "BOTFACTORY_TOKEN_KEY", TestStack.TOKEN_KEY), "at least 32 bytes");
      refusals.expect(Map.of("DATABASE_URL", TestDatabase.url(), "BOTFACTORY_JWT_SECRET", TestStack.JWT_SECRET,
        "BOTFACTORY_TOKEN_KEY", "c2hvcnQ="), "32 bytes");
      refusals.expect(Map.of("DATABASE_URL", TestDatabase.url(), "BOTFACTORY_JWT_SECRET", "x".repeat(48),
        "BOTFACTORY_JWT_ALGORITHM", "HS512", "BOTFACTORY_TOKEN_KEY", TestStack.TOKEN_KEY), "at least 64 bytes long for HS512");
      refusals.expect(Map.of("DATABASE_URL", "mysql://x@y/z", "BOTFACTORY_JWT_SECRET", TestStack.JWT_SECRET,
        "BOTFACTORY_TOKEN_KEY", TestStack.TOKEN_KEY), "DATABASE_URL");
      refusals.expect(Map.of("BOTFACTORY_HTTP_PORT", "eighty"), "BOTFACTORY_HTTP_PORT");
      refusals.check();
    }
  }

  @Test
  void laterLayersWin(@TempDir Path dir) throws Exception {
    int filePort = TestStack.freePort();
    int envPort = TestStack.freePort();
    int sysPort = TestStack.freePort();
    Path extra = dir.resolve("extra.json");
    Files.writeString(extra, new JsonObject().put("BOTFACTORY_HTTP_PORT", filePort).encode());
    Map<String, String> base = Map.of(
      "BOTFACTORY_CONFIG", extra.toString(),
      "BOTFACTORY_ROLES", "http",
      "BOTFACTORY_HTTP_HOST", "127.0.0.1",
      "BOTFACTORY_JWT_SECRET", TestStack.JWT_SECRET,
      "BOTFACTORY_WEBHOOK_KEY", TestStack.WEBHOOK_KEY);

    Map<String, String> withEnv = new java.util.HashMap<>(base);
    withEnv.put("BOTFACTORY_HTTP_PORT", String.valueOf(envPort));
    // Side by side: a node that took the port of a layer below its own would meet the one listening there.
    try (NodeProcess fromFile = NodeProcess.start(base, Map.of());
         NodeProcess fromEnv = NodeProcess.start(withEnv, Map.of());
         NodeProcess fromSys = NodeProcess.start(withEnv, Map.of("BOTFACTORY_HTTP_PORT", String.valueOf(sysPort)))) {
      fromFile.awaitLive(filePort, START);
      fromEnv.awaitLive(envPort, START);
      fromSys.awaitLive(sysPort, START);
      assertThat(fromSys.output()).doesNotContain(TestStack.JWT_SECRET);
    }
  }

  @Test
  void badValuesAreOneLineReasons() {
    JsonObject config = TestStack.config(TestDatabase.url());
    assertThatThrownBy(() -> AppConfig.from(config.copy().put(ConfigKey.DB_POOL_SIZE.key(), 0)))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.DB_POOL_SIZE.key());
    assertThatThrownBy(() -> AppConfig.from(config.copy().put(ConfigKey.JWT_ALGORITHM.key(), "none")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("HS256");
    assertThatThrownBy(() -> AppConfig.from(config.copy().put(ConfigKey.ROLES.key(), "http,cook")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("cook");
    assertThatThrownBy(() -> AppConfig.from(config.copy().put(ConfigKey.HTTP_PORT.key(), 70000)))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.HTTP_PORT.key());
    JsonObject hs384 = config.copy().put(ConfigKey.JWT_ALGORITHM.key(), "HS384");
    assertThatThrownBy(() -> AppConfig.from(hs384.copy().put(ConfigKey.JWT_SECRET.key(), "x".repeat(47))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("at least 48 bytes long for HS384");
    assertThat(AppConfig.from(hs384.copy().put(ConfigKey.JWT_SECRET.key(), "x".repeat(48))).jwt().algorithm()).isEqualTo("HS384");
    for (String old : new String[]{"k0", "k0:", ":" + TestStack.TOKEN_KEY, "k1:" + TestStack.TOKEN_KEY, "k0:c2hvcnQ=",
      "k0:" + TestStack.TOKEN_KEY + ",k0:" + TestStack.TOKEN_KEY}) {
      assertThatThrownBy(() -> AppConfig.from(config.copy().put(ConfigKey.TOKEN_KEYS_OLD.key(), old))).as(old)
        .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.TOKEN_KEYS_OLD.key())
        .hasMessageNotContaining(TestStack.TOKEN_KEY);
    }
    for (String old : new String[]{"c2hvcnQ=", "not base64!", TestStack.TOKEN_KEY + ",c2hvcnQ=", TestStack.TOKEN_KEY + ":"}) {
      assertThatThrownBy(() -> AppConfig.from(config.copy().put(ConfigKey.WEBHOOK_KEYS_OLD.key(), old))).as(old)
        .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.WEBHOOK_KEYS_OLD.key())
        .hasMessageNotContaining(TestStack.TOKEN_KEY);
    }
    assertThat(AppConfig.from(config.copy().put(ConfigKey.WEBHOOK_KEYS_OLD.key(), TestStack.TOKEN_KEY + " , "
      + TestStack.WEBHOOK_KEY)).telegram().oldWebhookKeys()).containsExactly(TestStack.TOKEN_KEY, TestStack.WEBHOOK_KEY);
    for (String proxies : new String[]{"proxy.internal", "10.0.0.0/33", "10.0.0.1/x", "fd00::/129"}) {
      assertThatThrownBy(() -> AppConfig.from(config.copy().put(ConfigKey.HTTP_TRUSTED_PROXIES.key(), "10.0.0.1, " + proxies)))
        .as(proxies).isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.HTTP_TRUSTED_PROXIES.key());
    }
    assertThat(AppConfig.from(config.copy().put(ConfigKey.HTTP_TRUSTED_PROXIES.key(), "10.0.0.1, 10.0.0.0/8, fd00::/8"))
      .http().trustedProxies()).containsExactly("10.0.0.1", "10.0.0.0/8", "fd00::/8");
    assertThat(AppConfig.from(config).roles()).containsExactlyInAnyOrder(Role.values());
  }

  /** Every call to Telegram carries a bot token: the API URL is https unless a test double is explicitly allowed. */
  @Test
  void theTelegramApiUrlIsHttpsUnlessHttpIsAllowed() {
    JsonObject config = TestStack.config(TestDatabase.url());
    assertThatThrownBy(() -> AppConfig.from(config.copy().put(ConfigKey.TELEGRAM_ALLOW_HTTP.key(), false)))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.TELEGRAM_API_URL.key())
      .hasMessageContaining("https://").hasMessageContaining(ConfigKey.TELEGRAM_ALLOW_HTTP.key());
    assertThat(AppConfig.from(config).telegram().allowHttp()).isTrue();
    JsonObject committed = config.copy().put(ConfigKey.TELEGRAM_ALLOW_HTTP.key(), false)
      .put(ConfigKey.TELEGRAM_API_URL.key(), "https://api.telegram.org/");
    assertThat(AppConfig.from(committed).telegram().apiUrl()).isEqualTo("https://api.telegram.org");
    assertThatThrownBy(() -> AppConfig.from(config.copy().put(ConfigKey.TELEGRAM_MAX_ANSWER_BYTES.key(), 100)))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.TELEGRAM_MAX_ANSWER_BYTES.key());
    assertThat(AppConfig.from(config.copy().put(ConfigKey.WEBHOOK_RETRY_MAX_S.key(), 7)).telegram().retryMaxSeconds()).isEqualTo(7);
    assertThatThrownBy(() -> AppConfig.from(config.copy().put(ConfigKey.WEBHOOK_RETRY_MAX_S.key(), 0)))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.WEBHOOK_RETRY_MAX_S.key());
  }

  /** Processes expected to refuse their configuration, started at once and checked together. */
  private static final class Refusals implements AutoCloseable {
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();

    void expect(Map<String, String> env, String reason) {
      nodes.add(NodeProcess.start(env, Map.of()));
      reasons.add(reason);
    }

    void check() throws InterruptedException {
      for (int i = 0; i < nodes.size(); i++) {
        NodeProcess node = nodes.get(i);
        assertThat(node.exitCode(START)).as(node.output()).isEqualTo(2);
        String output = node.output().strip();
        assertThat(output.lines().filter(l -> l.startsWith("botfactory: ")).toList()).as(output).hasSize(1);
        assertThat(output).contains(reasons.get(i)).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(output).doesNotContain(TestStack.JWT_SECRET);
      }
    }

    @Override
    public void close() {
      nodes.forEach(NodeProcess::close);
    }
  }
}
