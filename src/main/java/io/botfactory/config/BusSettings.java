package io.botfactory.config;

import static io.botfactory.config.ConfigKey.BUS_TIMEOUT_MS;
import static io.botfactory.config.ConfigKey.HASH_TIMEOUT_MS;
import static io.botfactory.config.ConfigKey.UPDATE_LEASE_S;

/**
 * Event-bus request timeouts: {@code timeoutMs} for every request, {@code hashTimeoutMs} for
 * sign-up and login, which may wait for Argon2 behind other logins during a login storm.
 * {@code engineLeaseMs}: the update engine's lease, the longest a change of a bot may wait for
 * the node holding the bot to stop sending under the bot's old state.
 */
public record BusSettings(long timeoutMs, long hashTimeoutMs, long engineLeaseMs) {

  /**
   * The longest a service waits for Telegram while a request waits for it (the contract's
   * bound on a token check), on top of the service's own work.
   */
  public static final long TELEGRAM_WAIT_MS = 3000;

  /** How long the engine node holding a bot has to confirm a change of it (then its lease is waited out). */
  public static final long ENGINE_ANSWER_MS = 1000;

  /** The timeout of a request whose service may ask Telegram first (registering or changing a token). */
  public long telegramTimeoutMs() {
    return timeoutMs + TELEGRAM_WAIT_MS;
  }

  /**
   * The timeout of a change of a bot (PATCH, DELETE): it may ask Telegram first, then waits for
   * the engine node holding the bot to confirm, or for that node's lease to run out.
   */
  public long changeTimeoutMs() {
    return telegramTimeoutMs() + ENGINE_ANSWER_MS + engineLeaseMs;
  }

  /**
   * How much longer than {@code timeoutMs} a request may take whose statement changes or reads a
   * bot's audience wholesale (the tags of up to 10,000 subscribers at once, a bot's figures): a
   * few hundred milliseconds for 10,000 rows on an idle database, measured several times that on
   * a busy one.
   */
  public static final long BULK_WORK_MS = 3000;

  /** The timeout of a request whose statement works through a bot's whole audience (see {@link #BULK_WORK_MS}). */
  public long bulkTimeoutMs() {
    return timeoutMs + BULK_WORK_MS;
  }

  static BusSettings read(ConfigReader r) {
    return new BusSettings(r.intAtLeast(BUS_TIMEOUT_MS, 100), r.intAtLeast(HASH_TIMEOUT_MS, 100),
      r.intAtLeast(UPDATE_LEASE_S, 2) * 1000L);
  }
}
