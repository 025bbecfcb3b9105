package io.botfactory.cluster;

import io.botfactory.app.AppConfig;
import io.botfactory.app.VertxOptionsFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Builds the node's Vert.x: a plain one, or, with {@code BOTFACTORY_CLUSTER=true}, one that has
 * joined the Hazelcast cluster, its event bus bound to the cluster host so that other nodes
 * reach its handlers there. Closing that Vert.x leaves the cluster.
 */
public final class VertxFactory {

  private VertxFactory() {
  }

  /** {@code metricsRegistry}: the name of the node's metrics registry (see {@link VertxOptionsFactory}). */
  public static Future<Vertx> create(AppConfig config, String metricsRegistry) {
    VertxOptions options = VertxOptionsFactory.create(config, metricsRegistry);
    AppConfig.Cluster cluster = config.cluster();
    if (!cluster.enabled()) {
      return Future.succeededFuture(Vertx.builder().with(options).build());
    }
    EventBusOptions bus = options.getEventBusOptions()
      .setPort(cluster.eventBusPort())
      // A peer that does not answer must not hold a connection attempt for the default minute.
      .setConnectTimeout((int) config.busTimeoutMs());
    if (!cluster.host().isEmpty()) {
      bus.setHost(cluster.host()).setClusterPublicHost(cluster.host());
    }
    return Vertx.builder()
      .with(options)
      .withClusterManager(new HazelcastClusterManager(HazelcastSettings.forNode(cluster)))
      .buildClustered();
  }
}
