package io.botfactory.cluster;

import io.botfactory.config.ConfigKey;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.botfactory.config.AppConfig;
import io.botfactory.config.ConfigException;
import io.botfactory.support.NodeProcess;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cluster settings as an operator meets them: what a clustered node refuses to start
 * with, and the Hazelcast configuration a node's settings turn into.
 */
class ClusterConfigTest {

  @Test
  void aClusteredNodeWithADatabaseRoleRefusesDevModeInOneLine() throws InterruptedException {
    try (NodeProcess node = NodeProcess.start(Map.of(ConfigKey.CLUSTER.key(), "true"), Map.of())) {
      assertThat(node.exitCode(Duration.ofSeconds(60))).as(node.output()).isEqualTo(2);
      assertThat(node.output().strip())
        .startsWith("botfactory: DATABASE_URL is required on a clustered node")
        .doesNotContain("\n").doesNotContain("Exception");
    }
  }

  @Test
  void eachRoleNeedsOnlyItsOwnSecrets() {
    JsonObject clustered = bare().put(ConfigKey.CLUSTER.key(), "true");
    assertThatThrownBy(() -> AppConfig.from(clustered.copy().put(ConfigKey.ROLES.key(), "storage")))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.DATABASE_URL.key());
    assertThatThrownBy(() -> AppConfig.from(clustered.copy().put(ConfigKey.ROLES.key(), "http")))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.JWT_SECRET.key());
    assertThatThrownBy(() -> AppConfig.from(clustered.copy().put(ConfigKey.ROLES.key(), "auth,storage")
      .put(ConfigKey.DATABASE_URL.key(), TestDatabase.url()).put(ConfigKey.JWT_SECRET.key(), TestStack.JWT_SECRET)))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.TOKEN_KEY.key());
    JsonObject http = clustered.copy().put(ConfigKey.ROLES.key(), "http").put(ConfigKey.JWT_SECRET.key(), TestStack.JWT_SECRET);
    assertThatThrownBy(() -> AppConfig.from(http.copy()))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.WEBHOOK_KEY.key());
    assertThat(AppConfig.from(http.copy().put(ConfigKey.WEBHOOK_KEY.key(), TestStack.WEBHOOK_KEY)).cluster().enabled()).isTrue();
    JsonObject webhook = clustered.copy().put(ConfigKey.ROLES.key(), "webhook").put(ConfigKey.DATABASE_URL.key(), TestDatabase.url());
    assertThatThrownBy(() -> AppConfig.from(webhook.copy().put(ConfigKey.TOKEN_KEY.key(), TestStack.TOKEN_KEY)))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.WEBHOOK_KEY.key());
    assertThat(AppConfig.from(webhook.copy().put(ConfigKey.TOKEN_KEY.key(), TestStack.TOKEN_KEY)
      .put(ConfigKey.WEBHOOK_KEY.key(), TestStack.WEBHOOK_KEY)).roles()).hasSize(1);
  }

  @Test
  void badClusterSettingsAreOneLineReasons() {
    JsonObject worker = worker();
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(ConfigKey.CLUSTER.key(), "yes")))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.CLUSTER.key() + " must be true or false");
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(ConfigKey.CLUSTER_MEMBERS.key(), "10.0.0.1:5701,10.0.0.2:http")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("10.0.0.2:http");
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(ConfigKey.CLUSTER_MEMBERS.key(), "a:5701").put(ConfigKey.CLUSTER_DNS.key(), "bf")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("not both");
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(ConfigKey.CLUSTER_PORT.key(), 0)))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.CLUSTER_PORT.key());
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(ConfigKey.EVENTBUS_PORT.key(), 70000)))
      .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKey.EVENTBUS_PORT.key());
  }

  @Test
  void membersJoinOverTcpIpOnTheirListedPortsOnly() {
    AppConfig config = AppConfig.from(worker()
      .put(ConfigKey.CLUSTER_HOST.key(), "10.1.2.3").put(ConfigKey.CLUSTER_PORT.key(), "6000")
      .put(ConfigKey.CLUSTER_MEMBERS.key(), " node-a:6001, node-b ,10.1.2.3:6000"));
    assertThat(config.cluster().members()).containsExactly("node-a:6001", "node-b:6000", "10.1.2.3:6000");

    Config hazelcast = HazelcastSettings.forNode(config.cluster());
    JoinConfig join = hazelcast.getNetworkConfig().getJoin();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("node-a:6001", "node-b:6000", "10.1.2.3:6000");
    assertThat(hazelcast.getNetworkConfig().getPort()).isEqualTo(6000);
    assertThat(hazelcast.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(hazelcast.getProperty("hazelcast.local.localAddress")).isEqualTo("10.1.2.3");
    assertThat(hazelcast.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
    assertThat(hazelcast.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(Integer.parseInt(hazelcast.getProperty("hazelcast.max.no.heartbeat.seconds"))).isLessThanOrEqualTo(5);
    assertThat(hazelcast.getClusterName()).isEqualTo("botfactory");
    assertThat(hazelcast.getMultiMapConfigs()).containsKey("__vertx.subs");
  }

  @Test
  void aDnsNameReplacesTheMembersList() {
    AppConfig config = AppConfig.from(worker()
      .put(ConfigKey.CLUSTER_DNS.key(), "botfactory-cluster.prod.svc.cluster.local"));
    JoinConfig join = HazelcastSettings.forNode(config.cluster()).getNetworkConfig().getJoin();
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperties())
      .containsEntry("service-dns", "botfactory-cluster.prod.svc.cluster.local")
      .containsEntry("service-port", "5701");
    assertThat(config.cluster().host()).isEmpty();
  }

  /** The committed defaults, with nothing configured for a database or secrets. */
  private static JsonObject bare() {
    return TestStack.config("").put(ConfigKey.DATABASE_URL.key(), "").put(ConfigKey.JWT_SECRET.key(), "")
      .put(ConfigKey.TOKEN_KEY.key(), "").put(ConfigKey.WEBHOOK_KEY.key(), "");
  }

  /** A clustered webhook worker with what it needs: the database and the token and webhook keys. */
  private static JsonObject worker() {
    return bare().put(ConfigKey.CLUSTER.key(), "true").put(ConfigKey.ROLES.key(), "webhook")
      .put(ConfigKey.DATABASE_URL.key(), TestDatabase.url()).put(ConfigKey.TOKEN_KEY.key(), TestStack.TOKEN_KEY)
      .put(ConfigKey.WEBHOOK_KEY.key(), TestStack.WEBHOOK_KEY);
  }
}
