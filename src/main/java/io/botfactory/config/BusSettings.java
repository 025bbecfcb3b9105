package io.botfactory.config;

import static io.botfactory.config.ConfigKey.BUS_TIMEOUT_MS;
import static io.botfactory.config.ConfigKey.HASH_TIMEOUT_MS;

/**
 * Event-bus request timeouts: {@code timeoutMs} for every request, {@code hashTimeoutMs} for
 * sign-up and login, which may wait for Argon2 behind other logins during a login storm.
 */
public record BusSettings(long timeoutMs, long hashTimeoutMs) {

  /**
   * The longest a service waits for Telegram while a request waits for it (the contract's
   * bound on a token check), on top of the service's own work.
   */
  public static final long TELEGRAM_WAIT_MS = 3000;

  /** The timeout of a request whose service may ask Telegram first (registering or changing a token). */
  public long telegramTimeoutMs() {
    return timeoutMs + TELEGRAM_WAIT_MS;
  }

  static BusSettings read(ConfigReader r) {
    return new BusSettings(r.intAtLeast(BUS_TIMEOUT_MS, 100), r.intAtLeast(HASH_TIMEOUT_MS, 100));
  }
}
