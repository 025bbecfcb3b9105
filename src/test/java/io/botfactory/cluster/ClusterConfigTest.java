package io.botfactory.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.botfactory.app.AppConfig;
import io.botfactory.app.ConfigException;
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
    try (NodeProcess node = NodeProcess.start(Map.of(AppConfig.CLUSTER, "true"), Map.of())) {
      assertThat(node.exitCode(Duration.ofSeconds(60))).as(node.output()).isEqualTo(2);
      assertThat(node.output().strip())
        .startsWith("botfactory: DATABASE_URL is required on a clustered node")
        .doesNotContain("\n").doesNotContain("Exception");
    }
  }

  @Test
  void eachRoleNeedsOnlyItsOwnSecrets() {
    JsonObject clustered = bare().put(AppConfig.CLUSTER, "true");
    assertThatThrownBy(() -> AppConfig.from(clustered.copy().put(AppConfig.ROLES, "storage")))
      .isInstanceOf(ConfigException.class).hasMessageContaining(AppConfig.DATABASE_URL);
    assertThatThrownBy(() -> AppConfig.from(clustered.copy().put(AppConfig.ROLES, "http")))
      .isInstanceOf(ConfigException.class).hasMessageContaining(AppConfig.JWT_SECRET);
    assertThatThrownBy(() -> AppConfig.from(clustered.copy().put(AppConfig.ROLES, "auth,storage")
      .put(AppConfig.DATABASE_URL, TestDatabase.url()).put(AppConfig.JWT_SECRET, TestStack.JWT_SECRET)))
      .isInstanceOf(ConfigException.class).hasMessageContaining(AppConfig.TOKEN_KEY);
    assertThat(AppConfig.from(clustered.copy().put(AppConfig.ROLES, "http").put(AppConfig.JWT_SECRET, TestStack.JWT_SECRET))
      .cluster().enabled()).isTrue();
    assertThat(AppConfig.from(clustered.copy().put(AppConfig.ROLES, "webhook")).roles()).hasSize(1);
  }

  @Test
  void badClusterSettingsAreOneLineReasons() {
    JsonObject worker = bare().put(AppConfig.CLUSTER, "true").put(AppConfig.ROLES, "webhook");
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(AppConfig.CLUSTER, "yes")))
      .isInstanceOf(ConfigException.class).hasMessageContaining(AppConfig.CLUSTER + " must be true or false");
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(AppConfig.CLUSTER_MEMBERS, "10.0.0.1:5701,10.0.0.2:http")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("10.0.0.2:http");
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(AppConfig.CLUSTER_MEMBERS, "a:5701").put(AppConfig.CLUSTER_DNS, "bf")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("not both");
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(AppConfig.CLUSTER_PORT, 0)))
      .isInstanceOf(ConfigException.class).hasMessageContaining(AppConfig.CLUSTER_PORT);
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(AppConfig.EVENTBUS_PORT, 70000)))
      .isInstanceOf(ConfigException.class).hasMessageContaining(AppConfig.EVENTBUS_PORT);
  }

  @Test
  void membersJoinOverTcpIpOnTheirListedPortsOnly() {
    AppConfig config = AppConfig.from(bare().put(AppConfig.CLUSTER, "true").put(AppConfig.ROLES, "webhook")
      .put(AppConfig.CLUSTER_HOST, "10.1.2.3").put(AppConfig.CLUSTER_PORT, "6000")
      .put(AppConfig.CLUSTER_MEMBERS, " node-a:6001, node-b ,10.1.2.3:6000"));
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
    AppConfig config = AppConfig.from(bare().put(AppConfig.CLUSTER, "true").put(AppConfig.ROLES, "webhook")
      .put(AppConfig.CLUSTER_DNS, "botfactory-cluster.prod.svc.cluster.local"));
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
    return TestStack.config("").put(AppConfig.DATABASE_URL, "").put(AppConfig.JWT_SECRET, "").put(AppConfig.TOKEN_KEY, "");
  }
}
