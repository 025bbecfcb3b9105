package io.botfactory.config;

import java.util.List;

import static io.botfactory.config.ConfigKey.ACCESS_LOG;
import static io.botfactory.config.ConfigKey.CORS_ORIGINS;
import static io.botfactory.config.ConfigKey.HTTP_HOST;
import static io.botfactory.config.ConfigKey.HTTP_INSTANCES;
import static io.botfactory.config.ConfigKey.HTTP_PORT;
import static io.botfactory.config.ConfigKey.HTTP_TRUST_FORWARDED;

/**
 * The public HTTP API. {@code instances}: HTTP verticle instances (already resolved: one per
 * event loop when configured as 0). {@code trustForwarded}: take the client address from
 * X-Forwarded-For / Forwarded, only behind a proxy that sets them.
 */
public record HttpSettings(String host, int port, int instances, boolean trustForwarded, boolean accessLog,
                           List<String> corsOrigins) {

  static HttpSettings read(ConfigReader r, int eventLoops) {
    int instances = r.intAtLeast(HTTP_INSTANCES, 0);
    return new HttpSettings(r.text(HTTP_HOST), r.port(HTTP_PORT), instances == 0 ? eventLoops : instances,
      r.bool(HTTP_TRUST_FORWARDED), r.bool(ACCESS_LOG), r.list(CORS_ORIGINS));
  }
}
