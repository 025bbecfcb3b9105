package io.botfactory.config;

import static io.botfactory.config.ConfigKey.INBOX_RETENTION_H;
import static io.botfactory.config.ConfigKey.POLL_MAX_BOTS;
import static io.botfactory.config.ConfigKey.POLL_TIMEOUT_S;
import static io.botfactory.config.ConfigKey.REPLY_BOT_PER_SECOND;
import static io.botfactory.config.ConfigKey.REPLY_CHAT_INTERVAL_MS;
import static io.botfactory.config.ConfigKey.UPDATE_LEASE_S;

/**
 * The update path's workers. {@code leaseSeconds}: how long a worker's hold on a bot lasts
 * without renewal (a worker that dies leaves its bots to others after this).
 * {@code chatIntervalMs}, {@code botPerSecond}: the pace of replies Telegram allows (one message
 * a second to a chat, 30 a second per bot). {@code retentionHours}: how long handled updates are
 * kept, to recognise Telegram's redeliveries (at least 24). {@code pollMaxBots}: how many bots
 * one node polls at most when there is no public URL, and {@code pollTimeoutSeconds} how long
 * each getUpdates may wait for one (a deactivated bot's poll stops after at most this long).
 */
public record UpdateSettings(int leaseSeconds, int chatIntervalMs, int botPerSecond, int retentionHours,
                             int pollMaxBots, int pollTimeoutSeconds) {

  static UpdateSettings read(ConfigReader r) {
    return new UpdateSettings(
      r.intAtLeast(UPDATE_LEASE_S, 3),
      r.intAtLeast(REPLY_CHAT_INTERVAL_MS, 0),
      r.intBetween(REPLY_BOT_PER_SECOND, 1, 1000),
      r.intAtLeast(INBOX_RETENTION_H, 24),
      r.intAtLeast(POLL_MAX_BOTS, 1),
      r.intBetween(POLL_TIMEOUT_S, 1, 50));
  }
}
