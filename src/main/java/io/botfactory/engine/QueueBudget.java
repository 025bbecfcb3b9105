package io.botfactory.engine;

/**
 * How many updates a node keeps queued in memory, over all its bots (each bot also has its own
 * bound). An update that finds the budget spent is left in the inbox, where its runner reads it
 * once its queue has drained. Used on the engine's event loop only.
 */
final class QueueBudget {

  private final int max;
  private int used;

  QueueBudget(int max) {
    this.max = max;
  }

  /** Takes one place; false when none is left. */
  boolean take() {
    if (used >= max) {
      return false;
    }
    used++;
    return true;
  }

  void release() {
    used--;
  }

  int used() {
    return used;
  }
}
