package io.botfactory.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The held bots with nothing to do, and their let-go: a bot idle for the linger time is let go
 * with the others of that moment, in one statement. While a let-go is under way, work that comes
 * for the bot is not handed to its runner, which may be let go (the update committed after the
 * let-go's snapshot) and would then send a reply whose outcome is refused; the bot is taken anew
 * instead, once through. Used on the engine's event loop only.
 */
final class IdleBots {

  /** What the let-go does with each bot once it is through. */
  interface Outcome {
    /** {@code let}: the bot was let go; {@code woken}: work came for it meanwhile. */
    void settled(UUID botId, boolean let, boolean woken);
  }

  private final Engine engine;
  /** Idle bots, since when (nanoTime). */
  private final Map<UUID, Long> since = new HashMap<>();
  /** Bots being let go, each with whether work came for it meanwhile. */
  private final Map<UUID, Boolean> lettingGo = new HashMap<>();

  IdleBots(Engine engine) {
    this.engine = engine;
  }

  /** The bot has nothing to do from now on (unless it was already idle). */
  void idle(UUID botId) {
    since.putIfAbsent(botId, System.nanoTime());
  }

  /** The bot is to be let go at the next round, whatever its linger. */
  void now(UUID botId) {
    since.put(botId, System.nanoTime() - engine.settings().lingerMs() * 1_000_000L);
  }

  /** Work came for the bot: false when it must wait for the let-go under way (then the bot is woken once through). */
  boolean busy(UUID botId) {
    since.remove(botId);
    if (lettingGo.containsKey(botId)) {
      lettingGo.put(botId, true);
      return false;
    }
    return true;
  }

  void forget(UUID botId) {
    since.remove(botId);
  }

  /**
   * Lets go, in one statement, of the bots idle for the linger time whose runner ({@code runners})
   * is still idle; tells {@code outcome} what came of each.
   */
  void letGo(String node, Function<UUID, BotRunner> runners, Outcome outcome) {
    long now = System.nanoTime();
    long linger = engine.settings().lingerMs() * 1_000_000L;
    List<UUID> bots = new ArrayList<>();
    List<Long> epochs = new ArrayList<>();
    for (Map.Entry<UUID, Long> idle : since.entrySet()) {
      BotRunner runner = runners.apply(idle.getKey());
      if (runner != null && now - idle.getValue() >= linger && !runner.busy() && !lettingGo.containsKey(idle.getKey())) {
        bots.add(idle.getKey());
        epochs.add(runner.epoch());
      }
    }
    if (bots.isEmpty()) {
      return;
    }
    bots.forEach(b -> {
      lettingGo.put(b, false);
      since.remove(b);
    });
    engine.store().letGo(node, bots, epochs).onComplete(ar -> {
      Set<UUID> let = ar.succeeded() ? new HashSet<>(ar.result()) : Set.of();
      for (UUID botId : bots) {
        outcome.settled(botId, let.contains(botId), lettingGo.remove(botId));
      }
    });
  }
}
