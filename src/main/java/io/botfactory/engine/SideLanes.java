package io.botfactory.engine;

import java.util.UUID;

/**
 * The lanes of a held bot's sender besides its replies: the messages the API queued, and its
 * running broadcast, each at most one at a time, each ending on its own when it has nothing left.
 * Used on the engine's event loop only.
 */
final class SideLanes {

  private final Engine engine;
  private final BotRunner runner;
  private final SendPacer pacer;
  private final Runnable idle;
  private BroadcastLane broadcast;
  private MessageLane messages;

  /** {@code idle}: called when a lane ends (the runner may then be idle). */
  SideLanes(Engine engine, BotRunner runner, SendPacer pacer, Runnable idle) {
    this.engine = engine;
    this.runner = runner;
    this.pacer = pacer;
    this.idle = idle;
  }

  /** The bot has a running broadcast: a lane sends it, unless one already does. */
  void broadcast(UUID broadcastId) {
    if (broadcast == null) {
      BroadcastLane lane = new BroadcastLane(engine, runner, pacer, engine.broadcasts(), broadcastId, () -> {
        broadcast = null;
        idle.run();
      });
      broadcast = lane;
      lane.start();
    }
  }

  /** The bot may have messages queued: a lane sends them. */
  void messages() {
    if (messages == null) {
      messages = new MessageLane(engine, runner, pacer, engine.messages(), () -> {
        messages = null;
        idle.run();
      });
    }
    messages.wake();
  }

  boolean busy() {
    return broadcast != null || messages != null;
  }

  void stop() {
    if (broadcast != null) {
      broadcast.stop();
    }
    if (messages != null) {
      messages.stop();
    }
  }
}
