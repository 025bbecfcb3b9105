package io.botfactory.cluster;

import io.botfactory.config.ClusterSettings;
import io.botfactory.config.ClusterTlsSettings;
import io.botfactory.config.ConfigKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clustered event bus of one node: where it listens and what it admits. With TLS (the
 * default) every node-to-node connection is mutually authenticated: a node connects only to a
 * peer that proves a certificate of the cluster's CA, and accepts a connection only from a peer
 * that proves one too ({@link ClientAuth#REQUIRED}). The CA is the only trust anchor, never the
 * JVM's; a peer's host name is not checked (nodes come and go with addresses nobody knows in
 * advance), which is why that CA must sign cluster nodes and nothing else. A node without such
 * a certificate may still join Hazelcast (it has no member authentication in its open-source
 * edition, see docs/deploy.md) but can neither receive nor send a single event-bus message.
 */
public final class ClusterEventBus {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterEventBus.class);

  private ClusterEventBus() {
  }

  /** Configures {@code bus} for {@code cluster}; {@code connectTimeoutMs} bounds a connection to a peer. */
  public static EventBusOptions configure(EventBusOptions bus, ClusterSettings cluster, long connectTimeoutMs) {
    bus.setPort(cluster.eventBusPort())
      // A peer that does not answer must not hold a connection attempt for the default minute.
      .setConnectTimeout((int) connectTimeoutMs);
    if (!cluster.host().isEmpty()) {
      bus.setHost(cluster.host()).setClusterPublicHost(cluster.host());
    }
    ClusterTlsSettings tls = cluster.tls();
    if (!tls.enabled()) {
      LOG.warn("{}=false: the event bus is neither encrypted nor authenticated. Anyone who can reach this node's"
        + " cluster ports can join, read passwords and bot tokens, and send any request: run it on a network nothing"
        + " else can reach", ConfigKey.CLUSTER_TLS);
      return bus;
    }
    ClusterTlsSettings.Material material = tls.material();
    return bus.setSsl(true)
      .setClientAuth(ClientAuth.REQUIRED)
      // The event bus's default is to trust every certificate, both ways: only the cluster's CA.
      .setTrustAll(false)
      .setKeyCertOptions(new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(material.cert()))
        .setKeyValue(Buffer.buffer(material.key())))
      .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(material.ca())));
  }
}
