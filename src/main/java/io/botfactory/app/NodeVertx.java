package io.botfactory.app;

import io.botfactory.cluster.ClusterEventBus;
import io.botfactory.cluster.HazelcastSettings;
import io.botfactory.config.AppConfig;
import io.botfactory.config.ClusterSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Builds the node's Vert.x: its event loops, Micrometer metrics for {@code /metrics} (HTTP
 * requests by route, method and status; event-bus traffic by address; pool use; JVM), and,
 * with {@code BOTFACTORY_CLUSTER=true}, membership of the Hazelcast cluster, its event bus bound
 * to the cluster host so that other nodes reach its handlers there, over mutual TLS (see
 * {@link ClusterEventBus}). Closing that Vert.x leaves the cluster.
 */
public final class NodeVertx {

  private NodeVertx() {
  }

  /**
   * {@code metricsRegistry}: the name of the node's metrics registry, which the HTTP verticle
   * scrapes. Each Vert.x instance gets its own, because closing one removes its registry, and
   * tests run several instances in one JVM.
   */
  public static Future<Vertx> create(AppConfig config, String metricsRegistry) {
    VertxOptions options = options(config, metricsRegistry);
    ClusterSettings cluster = config.cluster();
    if (!cluster.enabled()) {
      return Future.succeededFuture(Vertx.builder().with(options).build());
    }
    ClusterEventBus.configure(options.getEventBusOptions(), cluster, config.bus().timeoutMs());
    return Vertx.builder()
      .with(options)
      .withClusterManager(new HazelcastClusterManager(HazelcastSettings.forNode(cluster)))
      .buildClustered();
  }

  private static VertxOptions options(AppConfig config, String metricsRegistry) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
      .setEnabled(true)
      .setRegistryName(metricsRegistry)
      .setJvmMetricsEnabled(true)
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
      .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_ADDRESS, Label.EB_FAILURE,
        Label.POOL_TYPE, Label.POOL_NAME);
    return new VertxOptions()
      .setEventLoopPoolSize(config.eventLoops())
      .setMetricsOptions(metrics);
  }
}
