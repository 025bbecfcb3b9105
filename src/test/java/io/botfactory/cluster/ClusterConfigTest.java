package io.botfactory.cluster;

import io.botfactory.config.ConfigKey;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.botfactory.config.AppConfig;
import io.botfactory.config.ClusterTlsSettings;
import io.botfactory.config.ConfigException;
import io.botfactory.support.ClusterCertificates;
import io.botfactory.support.NodeProcess;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
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

  /** With no cluster host, Hazelcast still listens on the one address it picks, never on every interface. */
  @Test
  void withoutAClusterHostHazelcastStillBindsOneAddress() {
    AppConfig config = AppConfig.from(worker());
    Config hazelcast = HazelcastSettings.forNode(config.cluster());
    assertThat(hazelcast.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
    assertThat(hazelcast.getProperty("hazelcast.local.localAddress")).isNull();
  }

  @Test
  void aClusteredNodeWithoutItsCertificatesRefusesToStartInOneLine() throws InterruptedException {
    try (NodeProcess node = NodeProcess.start(Map.of(ConfigKey.CLUSTER.key(), "true", ConfigKey.ROLES.key(), "webhook",
      ConfigKey.DATABASE_URL.key(), TestDatabase.url(), ConfigKey.TOKEN_KEY.key(), TestStack.TOKEN_KEY,
      ConfigKey.WEBHOOK_KEY.key(), TestStack.WEBHOOK_KEY), Map.of())) {
      assertThat(node.exitCode(Duration.ofSeconds(60))).as(node.output()).isEqualTo(2);
      assertThat(node.output().strip())
        .startsWith("botfactory: BOTFACTORY_CLUSTER_TLS_CA, BOTFACTORY_CLUSTER_TLS_CERT and BOTFACTORY_CLUSTER_TLS_KEY are"
          + " required when BOTFACTORY_CLUSTER is true")
        .contains("BOTFACTORY_CLUSTER_TLS=false").doesNotContain("\n").doesNotContain("Exception");
    }
  }

  @Test
  void certificatesThatCannotWorkAreOneLineReasonsThatQuoteNoKey() {
    ClusterCertificates.Bundle ours = ClusterCertificates.cluster();
    ClusterCertificates.Bundle theirs = ClusterCertificates.stranger();
    JsonObject worker = worker();

    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(ConfigKey.CLUSTER_TLS_CERT.key(), theirs.cert().toString())))
      .isInstanceOf(ConfigException.class).hasMessage("BOTFACTORY_CLUSTER_TLS_CERT is not signed by BOTFACTORY_CLUSTER_TLS_CA:"
        + " the other nodes would refuse this one");
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(ConfigKey.CLUSTER_TLS_CA.key(), "/no/such/ca.crt")))
      .isInstanceOf(ConfigException.class).hasMessageStartingWith("BOTFACTORY_CLUSTER_TLS_CA: cannot read /no/such/ca.crt");
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(ConfigKey.CLUSTER_TLS_KEY.key(), ours.cert().toString())))
      .isInstanceOf(ConfigException.class).hasMessage("BOTFACTORY_CLUSTER_TLS_KEY holds no PEM private key");
    String key = ClusterCertificates.Bundle.pem(ours.key());
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(ConfigKey.CLUSTER_TLS_CA.key(), key)))
      .isInstanceOf(ConfigException.class).hasMessage("BOTFACTORY_CLUSTER_TLS_CA holds no readable PEM certificate")
      .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.substring(40, 80)));
    assertThatThrownBy(() -> AppConfig.from(worker.copy().put(ConfigKey.CLUSTER_TLS_CERT.key(), "")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("are required when BOTFACTORY_CLUSTER is true");

    // Turned off explicitly, nothing is asked for.
    JsonObject open = worker.copy().put(ConfigKey.CLUSTER_TLS.key(), "false").put(ConfigKey.CLUSTER_TLS_CA.key(), "")
      .put(ConfigKey.CLUSTER_TLS_CERT.key(), "").put(ConfigKey.CLUSTER_TLS_KEY.key(), "");
    assertThat(AppConfig.from(open).cluster().tls().enabled()).isFalse();
  }

  /** Containers pass PEM text itself, with its line breaks or, from an env file, with them written as \n. */
  @Test
  void thePemTextItselfServesAsWellAsItsPath() {
    ClusterCertificates.Bundle ours = ClusterCertificates.cluster();
    JsonObject worker = worker()
      .put(ConfigKey.CLUSTER_TLS_CA.key(), ClusterCertificates.Bundle.pem(ours.ca()))
      .put(ConfigKey.CLUSTER_TLS_CERT.key(), ClusterCertificates.Bundle.pem(ours.cert()).replace("\n", "\\n"))
      .put(ConfigKey.CLUSTER_TLS_KEY.key(), ClusterCertificates.Bundle.pem(ours.key()));
    ClusterTlsSettings.Material material = AppConfig.from(worker).cluster().tls().material();
    assertThat(material.cert().strip()).isEqualTo(ClusterCertificates.Bundle.pem(ours.cert()).strip());
    assertThat(material.key()).isEqualTo(ClusterCertificates.Bundle.pem(ours.key()).strip());
    assertThat(AppConfig.from(worker).toString()).doesNotContain("PRIVATE KEY");
  }

  /** What the event bus is given: TLS both ways, client certificates required, the cluster's CA as the only anchor. */
  @Test
  void theEventBusRequiresACertificateOfTheClusterCaBothWays() {
    AppConfig config = AppConfig.from(worker()
      .put(ConfigKey.CLUSTER_HOST.key(), "10.1.2.3").put(ConfigKey.EVENTBUS_PORT.key(), 5801));
    EventBusOptions bus = ClusterEventBus.configure(new EventBusOptions(), config.cluster(), 1500);
    assertThat(bus.isSsl()).isTrue();
    assertThat(bus.getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
    assertThat(bus.isTrustAll()).isFalse();
    assertThat(((PemTrustOptions) bus.getTrustOptions()).getCertValues()).hasSize(1);
    assertThat(bus.getHost()).isEqualTo("10.1.2.3");
    assertThat(bus.getPort()).isEqualTo(5801);
    // What the clustered event bus builds its server and client from.
    assertThat(new NetServerOptions(bus.toJson()).getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
    assertThat(new NetClientOptions(bus.toJson()).getKeyCertOptions()).isInstanceOf(PemKeyCertOptions.class);
  }

  /** The committed defaults, with nothing configured for a database or secrets; the cluster's certificates by path. */
  private static JsonObject bare() {
    JsonObject json = TestStack.config("").put(ConfigKey.DATABASE_URL.key(), "").put(ConfigKey.JWT_SECRET.key(), "")
      .put(ConfigKey.TOKEN_KEY.key(), "").put(ConfigKey.WEBHOOK_KEY.key(), "");
    ClusterCertificates.cluster().env().forEach(json::put);
    return json;
  }

  /** A clustered webhook worker with what it needs: the database and the token and webhook keys. */
  private static JsonObject worker() {
    return bare().put(ConfigKey.CLUSTER.key(), "true").put(ConfigKey.ROLES.key(), "webhook")
      .put(ConfigKey.DATABASE_URL.key(), TestDatabase.url()).put(ConfigKey.TOKEN_KEY.key(), TestStack.TOKEN_KEY)
      .put(ConfigKey.WEBHOOK_KEY.key(), TestStack.WEBHOOK_KEY);
  }
}
