package io.botfactory.engine;

import io.botfactory.config.UpdateSettings;
import io.botfactory.telegram.TelegramClient;
import io.vertx.core.Vertx;

/**
 * What every bot runner of a node shares: the node's stores (updates, broadcasts, messages), Telegram
 * client, profiles, outcome writer, lease, figures, settings, and its budget of queued updates.
 * One per engine verticle.
 */
record Engine(Vertx vertx, EngineStore store, BroadcastStore broadcasts, MessageStore messages, TelegramClient telegram,
              Profiles profiles, Outcomes outcomes, NodeLease lease, EngineMetrics metrics, UpdateSettings settings,
              QueueBudget budget) {
}
