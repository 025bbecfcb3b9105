package io.botfactory.config;

import java.util.ArrayList;
import java.util.List;

import static io.botfactory.config.ConfigKey.CLUSTER;
import static io.botfactory.config.ConfigKey.CLUSTER_DNS;
import static io.botfactory.config.ConfigKey.CLUSTER_HOST;
import static io.botfactory.config.ConfigKey.CLUSTER_MEMBERS;
import static io.botfactory.config.ConfigKey.CLUSTER_PORT;
import static io.botfactory.config.ConfigKey.EVENTBUS_PORT;

/**
 * Joining a Hazelcast cluster (docs/deploy.md). {@code host} is empty to let Hazelcast pick
 * this machine's address; {@code members} are {@code host:port} seeds (TCP/IP join) unless
 * {@code dns} names a DNS entry listing every member, such as a Kubernetes headless Service.
 * {@code tls}: who may talk on the event bus.
 */
public record ClusterSettings(boolean enabled, String host, int port, List<String> members, String dns,
                              int eventBusPort, ClusterTlsSettings tls) {

  static ClusterSettings read(ConfigReader r) {
    int port = r.port(CLUSTER_PORT);
    List<String> members = new ArrayList<>();
    for (String member : r.list(CLUSTER_MEMBERS)) {
      members.add(member(member, port));
    }
    return new ClusterSettings(r.bool(CLUSTER), r.text(CLUSTER_HOST), port, List.copyOf(members), r.text(CLUSTER_DNS),
      r.port(EVENTBUS_PORT), ClusterTlsSettings.read(r));
  }

  /** One {@code host:port} of the members list, the port defaulting to {@code defaultPort}. */
  private static String member(String text, int defaultPort) {
    int colon = text.lastIndexOf(':');
    if (colon < 0 || text.endsWith("]")) {
      return text + ":" + defaultPort;
    }
    try {
      int value = Integer.parseInt(text.substring(colon + 1));
      if (colon > 0 && value > 0 && value <= 65535) {
        return text;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(CLUSTER_MEMBERS + " must be comma-separated host:port entries, got '" + text + "'");
  }
}
