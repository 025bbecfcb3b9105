package io.botfactory.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.botfactory.config.ClusterSettings;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

/**
 * The Hazelcast configuration of one node: {@code cluster.xml} (what every node shares: no
 * multicast, no phone-home, quick failure detection, Vert.x's maps) with this node's own values
 * from {@code BOTFACTORY_CLUSTER_*} applied on top, so that a node is configured by environment
 * alone. Keeping the shared part in XML lets an operator read it, and replace it with
 * {@code -Dvertx.hazelcast.config=...}, without touching code.
 */
public final class HazelcastSettings {

  /** Hazelcast's DNS discovery, part of its Kubernetes plugin bundled in the core jar. */
  private static final String SERVICE_DNS = "service-dns";
  private static final String SERVICE_PORT = "service-port";

  private HazelcastSettings() {
  }

  public static Config forNode(ClusterSettings cluster) {
    Config config = ConfigUtil.loadConfig();
    NetworkConfig network = config.getNetworkConfig()
      .setPort(cluster.port())
      .setPortAutoIncrement(false);
    // Listen on one address only, never on every interface of the machine: the configured cluster
    // host, or else the one address Hazelcast picks (and advertises) for this member.
    config.setProperty("hazelcast.socket.bind.any", "false");
    if (!cluster.host().isEmpty()) {
      config.setProperty("hazelcast.local.localAddress", cluster.host());
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (cluster.dns().isEmpty()) {
      join.getKubernetesConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    } else {
      // A name that resolves to every member (a headless Service): looked up at each join.
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true)
        .setProperty(SERVICE_DNS, cluster.dns())
        .setProperty(SERVICE_PORT, String.valueOf(cluster.port()));
    }
    return config;
  }
}
