package io.botfactory.engine;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Runs one bot this node holds, under the epoch it took the bot with. Updates come from memory
 * (the inbox hands each one on once committed) and, when the bot is taken or its queue ran
 * over, from the inbox ({@link #scan}). Each goes into its chat's lane ({@link ChatLane}): a
 * chat's updates one at a time in update_id order, chats side by side. An update stays known
 * from the moment it is queued until its outcome is written, so it is never handled twice here.
 * The queue is bounded (per bot and per node): an update that finds it full is left in the
 * inbox, and the runner reads it from there once the queue has drained. Used on the engine's
 * event loop only.
 */
final class BotRunner implements UpdateHandler.Owner, Backlog.Queue {

  private static final Logger LOG = LoggerFactory.getLogger(BotRunner.class);

  /** What the runner tells the node. */
  interface Host {
    /** Nothing is queued, in hand or unwritten: the bot may be let go. */
    void idle(BotRunner runner);

    /** The hold was lost (an outcome was refused): the runner has stopped. */
    void lost(BotRunner runner);

    /** The bot no longer exists. */
    void gone(BotRunner runner);
  }

  private final Engine engine;
  private final UUID botId;
  private final long epoch;
  private final Host host;
  private final UpdateHandler handler;
  private final SideLanes lanesBeside;
  private final int capacity;
  private final Map<Long, ChatLane> lanes = new HashMap<>();
  private final Set<Long> known = new HashSet<>();
  private int queued;
  private final VersionGate versions = new VersionGate();
  private boolean stopped;
  private boolean draining;
  private boolean overflow;
  private final Backlog backlog;

  BotRunner(Engine engine, UUID botId, long epoch, SendPacer pacer, Host host) {
    this.engine = engine;
    this.botId = botId;
    this.epoch = epoch;
    this.host = host;
    this.handler = new UpdateHandler(engine, pacer, this);
    this.lanesBeside = new SideLanes(engine, this, pacer, this::idleCheck);
    this.capacity = engine.settings().queuePerBot();
    this.backlog = new Backlog(engine, this, capacity);
  }

  UUID botId() {
    return botId;
  }

  long epoch() {
    return epoch;
  }

  /** An update of the bot, just stored. */
  void arrive(Work work) {
    if (stopped || draining) {
      return;
    }
    versions.heard(work.version());
    if (known.contains(work.updateId())) {
      return;
    }
    if (backlog.reading()) {
      backlog.arrivedMeanwhile(work);
    } else if (!overflow && !enqueue(work)) {
      overflow = true; // it, and whatever follows, waits in the inbox until the queue has drained
    }
  }

  /** Reads the bot's unhandled updates from the inbox, from the first (after a take, a full queue, a lost message). */
  void scan() {
    if (!stopped()) {
      backlog.read();
    }
  }

  /** True when the update is queued, in hand, or its outcome not yet written. */
  @Override
  public boolean knows(long updateId) {
    return known.contains(updateId);
  }

  /** The bot changed (now at {@code version}): completes once no send decided under an older version is in flight. */
  Future<Void> changed(long version) {
    return versions.changed(version);
  }

  /** True while anything is queued, in hand, unwritten, being read, or a message or broadcast is being sent. */
  boolean busy() {
    return queued > 0 || !known.isEmpty() || backlog.reading() || versions.sending() || lanesBeside.busy();
  }

  /** The bot has a running broadcast: a lane sends it, unless one already does. */
  void broadcast(UUID broadcastId) {
    if (!stopped()) {
      lanesBeside.broadcast(broadcastId);
    }
  }

  /** The bot may have messages the API queued: a lane sends them. */
  void messages() {
    if (!stopped()) {
      lanesBeside.messages();
    }
  }

  /** Stops: nothing more is sent or recorded; what waits stays in the inbox for the bot's next holder. */
  void stop() {
    stopped = true;
    drain();
    versions.release();
  }

  /**
   * The node stops: nothing new is sent, what waits stays in the inbox for the bot's next holder,
   * and the sends in flight finish and have their outcomes written, so that the next holder does
   * not send them again.
   */
  void drain() {
    draining = true;
    lanesBeside.stop();
    for (ChatLane lane : lanes.values()) {
      for (int i = lane.clear(); i > 0; i--) {
        queued--;
        engine.budget().release();
      }
    }
  }

  // ---- UpdateHandler.Owner -------------------------------------------------------------------

  @Override
  public Future<BotProfile> profile(long version) {
    return engine.profiles().get(botId, Math.max(version, versions.newest()));
  }

  @Override
  public boolean current(BotProfile profile) {
    return versions.current(profile);
  }

  @Override
  public boolean stopped() {
    return stopped || draining;
  }

  @Override
  public void sending(boolean starts) {
    versions.sending(starts);
  }

  @Override
  public void record(Work work, String reply, String why, Boolean blocked, SubscriberChange subscriber, String event) {
    if (stopped) {
      return;
    }
    long chatId = work.update() == null ? 0 : work.update().chatId();
    String chatType = work.update() == null ? null : work.update().chatType();
    engine.outcomes().record(new Outcomes.Outcome(botId, epoch, work.updateId(), reply, why, chatId, chatType,
      work.receivedAt(), blocked, subscriber, event, event == null ? null : EventHead.of(work.update())))
      .onComplete(ar -> {
        known.remove(work.updateId());
        backlog.handled(work.updateId());
        if (ar.succeeded() && ar.result() != null) {
          engine.metrics().reply(reply);
          engine.metrics().lag(ar.result());
        } else if (ar.succeeded()) {
          if (!stopped) {
            LOG.info("Bot {}: no longer held here (epoch {}); stopping", botId, epoch);
            host.lost(this);
          }
        } else {
          LOG.warn("Bot {}: outcome of update {} not written ({}); it is read again later", botId, work.updateId(),
            ar.cause().toString());
        }
        idleCheck();
      });
  }

  @Override
  public void gone() {
    if (!stopped) {
      host.gone(this);
    }
  }

  // ---- queueing ------------------------------------------------------------------------------

  @Override
  public void through(boolean full) {
    overflow = full;
    if (overflow && queued <= capacity / 2) {
      backlog.read();
    }
    idleCheck();
  }

  @Override
  public boolean enqueue(Work work) {
    if (queued >= capacity || !engine.budget().take()) {
      return false;
    }
    queued++;
    known.add(work.updateId());
    lanes.computeIfAbsent(work.chatId(), chat -> new ChatLane(this::handle, () -> lanes.remove(chat))).add(work);
    return true;
  }

  private Future<Void> handle(Work work) {
    return handler.handle(work).andThen(ar -> {
      if (ar.failed()) {
        LOG.warn("Bot {}: update {} not handled ({})", botId, work.updateId(), ar.cause().toString());
        known.remove(work.updateId());
      }
      queued--;
      engine.budget().release();
      if (overflow && !backlog.reading() && queued <= capacity / 2) {
        backlog.read();
      }
      idleCheck();
    });
  }

  void idleCheck() {
    if (!stopped && !draining && !busy()) {
      host.idle(this);
    }
  }
}
