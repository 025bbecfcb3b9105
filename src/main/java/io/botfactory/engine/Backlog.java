package io.botfactory.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a held bot's unhandled updates back from the inbox, in update_id order, page by page,
 * into its runner's queue: when the bot is taken, when its queue ran over (what did not fit was
 * left in the inbox), when a message was lost. Updates that arrive meanwhile wait until the read
 * is through, and go in after it, so a late read never puts an older update behind a newer one.
 * An update whose outcome was written while the read ran may still be in the read's snapshot, as
 * unhandled: it is remembered for the read's length, and not queued again.
 */
final class Backlog {

  private static final Logger LOG = LoggerFactory.getLogger(Backlog.class);
  private static final int PAGE = 100;

  /** What the backlog needs of its runner. */
  interface Queue {
    boolean knows(long updateId);

    /** Queues the update; false when the queue is full. */
    boolean enqueue(Work work);

    /** The read is through; {@code full}: something did not fit, and is read again once the queue has drained. */
    void through(boolean full);

    /** The runner stopped: nothing more is read. */
    boolean stopped();
  }

  private final Engine engine;
  private final BotRunner runner;
  private final int capacity;
  private boolean reading;
  private boolean again;
  private boolean dropped;
  private List<Work> arrived;
  private Set<Long> handledMeanwhile;

  Backlog(Engine engine, BotRunner runner, int capacity) {
    this.engine = engine;
    this.runner = runner;
    this.capacity = capacity;
  }

  boolean reading() {
    return reading;
  }

  /** Reads from the first unhandled update (once more after this read, if one is under way). */
  void read() {
    if (runner.stopped()) {
      return;
    }
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    again = false;
    dropped = false;
    arrived = new ArrayList<>();
    handledMeanwhile = new HashSet<>();
    page(0, false);
  }

  /** An update's outcome is written: a read under way may still see it unhandled. */
  void handled(long updateId) {
    if (reading) {
      handledMeanwhile.add(updateId);
    }
  }

  /** An update that arrived while reading: it goes in once the read is through (if there is room, else it is read again). */
  void arrivedMeanwhile(Work work) {
    if (arrived.size() < capacity) {
      arrived.add(work);
    } else {
      dropped = true;
    }
  }

  private void page(long after, boolean full) {
    String node = engine.lease().node();
    if (node == null) {
      reading = false; // the lease lapsed: the runner is being stopped
      return;
    }
    engine.store().backlog(runner.botId(), node, runner.epoch(), after, PAGE).onComplete(ar -> {
      if (runner.stopped()) {
        return;
      }
      if (ar.failed()) {
        LOG.warn("Bot {}: backlog not read ({}); read again shortly", runner.botId(), ar.cause().toString());
        reading = false;
        handledMeanwhile = null;
        engine.vertx().setTimer(1000, id -> read());
        return;
      }
      boolean isFull = full;
      long last = after;
      for (EngineStore.Stored stored : ar.result()) {
        last = stored.updateId();
        Work work = new Work(stored.updateId(), stored.update(), stored.version(), stored.receivedAt());
        if (!runner.knows(stored.updateId()) && !handledMeanwhile.contains(stored.updateId()) && !runner.enqueue(work)) {
          isFull = true;
        }
      }
      if (ar.result().size() == PAGE && !isFull) {
        page(last, false);
      } else {
        through(isFull);
      }
    });
  }

  private void through(boolean full) {
    reading = false;
    handledMeanwhile = null;
    List<Work> meanwhile = arrived;
    arrived = null;
    meanwhile.sort(Comparator.comparingLong(Work::updateId));
    for (Work work : meanwhile) {
      if (!runner.knows(work.updateId()) && !runner.enqueue(work)) {
        full = true;
      }
    }
    runner.through(full || dropped);
    if (again) {
      read();
    }
  }
}
