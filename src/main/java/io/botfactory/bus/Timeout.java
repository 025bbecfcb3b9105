package io.botfactory.bus;

import io.botfactory.config.BusSettings;

/**
 * How long a request to an address may take, by what its service does before it answers; the
 * {@link Address} says which, where it is declared, and {@link BusClient} sends with the
 * configured time. A service that does not answer in time is a {@code TIMEOUT} failure (503).
 */
public enum Timeout {

  /** The bus timeout ({@code BOTFACTORY_BUS_TIMEOUT_MS}): a request answered by the service's own database. */
  BUS,
  /** Sign-up and login, which wait their turn for Argon2 behind other logins in a storm ({@code BOTFACTORY_HASH_TIMEOUT_MS}). */
  HASHING,
  /** A request whose service asks Telegram first (a new token checked with getMe, getWebhookInfo). */
  TELEGRAM,
  /** A change of a bot: it may ask Telegram, then waits for the engine node holding the bot. */
  CHANGE,
  /** A request whose statement works through a bot's whole audience. */
  BULK;

  /** This timeout as {@code settings} configure it. */
  public long millis(BusSettings settings) {
    switch (this) {
      case HASHING:
        return settings.hashTimeoutMs();
      case TELEGRAM:
        return settings.telegramTimeoutMs();
      case CHANGE:
        return settings.changeTimeoutMs();
      case BULK:
        return settings.bulkTimeoutMs();
      default:
        return settings.timeoutMs();
    }
  }
}
