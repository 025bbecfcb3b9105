package io.botfactory.engine;

import io.vertx.core.Future;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One chat's updates, handled one at a time in update_id order: the next one starts once the
 * one in hand is done (sent, or given up, and its outcome handed to be written). A late update
 * with a lower id than those waiting goes before them; one in hand is never overtaken.
 */
final class ChatLane {

  private final TreeMap<Long, Work> waiting = new TreeMap<>();
  private final Function<Work, Future<Void>> handle;
  private final Runnable emptied;
  private Work current;

  /** {@code handle}: what is done with each update; {@code emptied}: called when nothing waits or is in hand. */
  ChatLane(Function<Work, Future<Void>> handle, Runnable emptied) {
    this.handle = handle;
    this.emptied = emptied;
  }

  void add(Work work) {
    waiting.put(work.updateId(), work);
    if (current == null) {
      next();
    }
  }

  boolean isEmpty() {
    return current == null && waiting.isEmpty();
  }

  /** Forgets what waits (the runner stops), answering how many; the update in hand runs out on its own. */
  int clear() {
    int cleared = waiting.size();
    waiting.clear();
    return cleared;
  }

  private void next() {
    Map.Entry<Long, Work> first = waiting.pollFirstEntry();
    if (first == null) {
      emptied.run();
      return;
    }
    current = first.getValue();
    handle.apply(current).onComplete(ar -> {
      current = null;
      next();
    });
  }
}
