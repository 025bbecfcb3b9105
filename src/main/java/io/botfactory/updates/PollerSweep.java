package io.botfactory.updates;

/** Polling mode: the sweep's part that takes up bots to poll, up to the node's share. */
final class PollerSweep {

  private PollerSweep() {
  }

  static void run(UpdateWorkers workers, UpdateStore store, int room) {
    if (room <= 0) {
      return;
    }
    store.toPoll(room).onSuccess(bots -> bots.forEach(workers::poll));
  }
}
