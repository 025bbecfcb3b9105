package io.botfactory.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The node's bot profiles, each read once per change of its bot: kept while they fit a budget of
 * characters (a bot's command set may be 100 replies of 4,096 characters; a node may hold
 * thousands of bots), the least used dropped first. A profile older than the version an update
 * or a change names is read again; readers of one bot at one moment share one read. Used on the
 * engine's event loop only.
 */
final class Profiles {

  private final EngineStore store;
  private final EngineMetrics metrics;
  private final Cache<UUID, BotProfile> cache;
  private final Map<UUID, Future<BotProfile>> reading = new HashMap<>();

  /** {@code maxChars}: the budget, in characters of replies kept. */
  Profiles(EngineStore store, EngineMetrics metrics, long maxChars) {
    this.store = store;
    this.metrics = metrics;
    this.cache = Caffeine.newBuilder()
      .maximumWeight(maxChars)
      .weigher((UUID bot, BotProfile profile) -> profile.weight())
      .executor(Runnable::run) // eviction on the caller's thread: no pool of Caffeine's own
      .build();
  }

  /** The bot's profile at {@code minVersion} at least (or as the database has it, if that is older). */
  Future<BotProfile> get(UUID botId, long minVersion) {
    BotProfile cached = cache.getIfPresent(botId);
    if (cached != null && cached.version() >= minVersion) {
      return Future.succeededFuture(cached);
    }
    Future<BotProfile> pending = reading.get(botId);
    if (pending != null) {
      return pending.compose(p -> p.version() >= minVersion ? Future.succeededFuture(p) : read(botId));
    }
    return read(botId);
  }

  /** Forgets the bot's profile (changed, or let go). */
  void forget(UUID botId) {
    cache.invalidate(botId);
  }

  private Future<BotProfile> read(UUID botId) {
    metrics.profileRead();
    Future<BotProfile> read = store.profile(botId);
    reading.put(botId, read);
    return read.andThen(ar -> {
      reading.remove(botId);
      if (ar.succeeded()) {
        BotProfile cached = cache.getIfPresent(botId);
        if (cached == null || cached.version() <= ar.result().version()) {
          cache.put(botId, ar.result());
        }
      }
    });
  }
}
