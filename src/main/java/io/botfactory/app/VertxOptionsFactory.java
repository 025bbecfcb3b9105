package io.botfactory.app;

import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * The Vert.x options of a node: its event loops, and Micrometer metrics for {@code /metrics}
 * (HTTP requests by route, method and status; event-bus traffic by address; pool use; JVM).
 */
public final class VertxOptionsFactory {

  /**
   * Internal config key (not an operator setting): the name of this node's metrics registry,
   * which the HTTP verticle scrapes. Each Vert.x instance gets its own, because closing one
   * removes its registry, and tests run several instances in one JVM.
   */
  public static final String METRICS_REGISTRY = "botfactory.metrics.registry";

  private VertxOptionsFactory() {
  }

  /** Options for a node whose metrics go to the registry named {@code registryName}. */
  public static VertxOptions create(AppConfig config, String registryName) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
      .setEnabled(true)
      .setRegistryName(registryName)
      .setJvmMetricsEnabled(true)
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
      .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_ADDRESS, Label.EB_FAILURE,
        Label.POOL_TYPE, Label.POOL_NAME);
    return new VertxOptions()
      .setEventLoopPoolSize(config.eventLoops())
      .setMetricsOptions(metrics);
  }
}
