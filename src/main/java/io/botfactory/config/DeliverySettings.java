package io.botfactory.config;

import java.util.List;

import static io.botfactory.config.ConfigKey.DELIVERY_MAX_IN_FLIGHT;
import static io.botfactory.config.ConfigKey.DELIVERY_PER_ENDPOINT;
import static io.botfactory.config.ConfigKey.DELIVERY_RETRY_MS;
import static io.botfactory.config.ConfigKey.DELIVERY_SWEEP_MS;
import static io.botfactory.config.ConfigKey.DELIVERY_TIMEOUT_MS;
import static io.botfactory.config.ConfigKey.ENDPOINTS_ALLOW_HTTP;
import static io.botfactory.config.ConfigKey.ENDPOINTS_ALLOW_PRIVATE;

/**
 * The owners' event endpoints and the deliveries to them. {@code allowHttp}: plain http URLs are
 * accepted (tests); {@code allowPrivate}: deliveries may connect to loopback, private, link-local
 * and other internal addresses (tests). {@code retryMs}: the wait before each retry, the last
 * one followed by {@code failed}; {@code timeoutMs}: one attempt's deadline; {@code sweepMs}: how
 * often a worker looks for due work unwoken; {@code perEndpoint}, {@code maxInFlight}: how many
 * deliveries one worker makes at once to one endpoint, and in all.
 */
public record DeliverySettings(boolean allowHttp, boolean allowPrivate, List<Long> retryMs, int timeoutMs, int sweepMs,
                               int perEndpoint, int maxInFlight) {

  static DeliverySettings read(ConfigReader r) {
    List<Long> retries = r.list(DELIVERY_RETRY_MS).stream().map(value -> {
      try {
        long ms = Long.parseLong(value);
        if (ms >= 0) {
          return ms;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new ConfigException(DELIVERY_RETRY_MS + " must be comma-separated milliseconds, got '" + value + "'");
    }).toList();
    return new DeliverySettings(r.bool(ENDPOINTS_ALLOW_HTTP), r.bool(ENDPOINTS_ALLOW_PRIVATE), retries,
      r.intBetween(DELIVERY_TIMEOUT_MS, 100, 600_000), r.intBetween(DELIVERY_SWEEP_MS, 10, 600_000),
      r.intBetween(DELIVERY_PER_ENDPOINT, 1, 1000), r.intBetween(DELIVERY_MAX_IN_FLIGHT, 1, 100_000));
  }

  /** The wait before the retry that follows failed attempt number {@code attempts} (1 first), or -1: no more. */
  public long retryAfterMs(int attempts) {
    return attempts >= 1 && attempts <= retryMs.size() ? retryMs.get(attempts - 1) : -1;
  }
}
