package io.botfactory.config;

import static io.botfactory.config.ConfigKey.BROADCAST_RATE;
import static io.botfactory.config.ConfigKey.INBOX_RETENTION_H;
import static io.botfactory.config.ConfigKey.POLL_MAX_BOTS;
import static io.botfactory.config.ConfigKey.POLL_TIMEOUT_S;
import static io.botfactory.config.ConfigKey.PROFILE_CACHE_MB;
import static io.botfactory.config.ConfigKey.REPLY_BOT_PER_SECOND;
import static io.botfactory.config.ConfigKey.REPLY_CHAT_INTERVAL_MS;
import static io.botfactory.config.ConfigKey.REPLY_GIVE_UP_S;
import static io.botfactory.config.ConfigKey.UPDATE_LEASE_S;
import static io.botfactory.config.ConfigKey.UPDATE_LINGER_MS;
import static io.botfactory.config.ConfigKey.UPDATE_QUEUE_PER_BOT;
import static io.botfactory.config.ConfigKey.UPDATE_QUEUE_PER_NODE;

/**
 * The update engine. {@code leaseSeconds}: how long a node's hold on its bots lasts without
 * renewal (a node that dies leaves its bots to others after this; it renews six times as often).
 * {@code lingerMs}: how long a bot with nothing to do stays held. {@code queuePerBot},
 * {@code queuePerNode}: how many updates wait in a node's memory, per bot and in all (the rest
 * waits in the inbox). {@code profileCacheMb}: the memory for bots' command sets.
 * {@code chatIntervalMs}, {@code botPerSecond}: the pace of replies Telegram allows (one message
 * a second to a private chat, 30 a second per bot); {@code giveUpSeconds}: how long after an
 * update was stored its reply is still tried; {@code broadcastRate}: the most broadcast messages a
 * bot sends a second (replies come first). {@code retentionHours}: how long handled updates
 * are kept, to recognise Telegram's redeliveries (at least 24). {@code pollMaxBots}: how many
 * bots one node polls at most when there is no public URL, and {@code pollTimeoutSeconds} how
 * long each getUpdates may wait for one (a deactivated bot's poll stops after at most this long).
 */
public record UpdateSettings(int leaseSeconds, int lingerMs, int queuePerBot, int queuePerNode, int profileCacheMb,
                             int chatIntervalMs, int botPerSecond, int giveUpSeconds, int broadcastRate, int retentionHours,
                             int pollMaxBots, int pollTimeoutSeconds) {

  static UpdateSettings read(ConfigReader r) {
    return new UpdateSettings(
      r.intAtLeast(UPDATE_LEASE_S, 2),
      r.intAtLeast(UPDATE_LINGER_MS, 0),
      r.intBetween(UPDATE_QUEUE_PER_BOT, 2, 100_000),
      r.intAtLeast(UPDATE_QUEUE_PER_NODE, 2),
      r.intBetween(PROFILE_CACHE_MB, 1, 4096),
      r.intAtLeast(REPLY_CHAT_INTERVAL_MS, 0),
      r.intBetween(REPLY_BOT_PER_SECOND, 1, 1000),
      r.intAtLeast(REPLY_GIVE_UP_S, 1),
      r.intBetween(BROADCAST_RATE, 1, 1000),
      r.intAtLeast(INBOX_RETENTION_H, 24),
      r.intAtLeast(POLL_MAX_BOTS, 1),
      r.intBetween(POLL_TIMEOUT_S, 1, 50));
  }
}
