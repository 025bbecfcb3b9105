package io.botfactory.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * What a held bot's sends are fenced by, besides the node's lease: the newest version of the bot
 * this node heard of (an update stored after a change names the new version; a change itself
 * says it), under which a send must have been decided, and the sends in flight, which a change
 * waits for before it answers. Used on the engine's event loop only.
 */
final class VersionGate {

  private long newest;
  private int sending;
  private Promise<Void> quiet;

  /** The node heard of {@code version} of the bot. */
  void heard(long version) {
    newest = Math.max(newest, version);
  }

  long newest() {
    return newest;
  }

  /** False once the node heard of a newer version than {@code profile}'s. */
  boolean current(BotProfile profile) {
    return profile.version() >= newest;
  }

  /** The bot changed (now at {@code version}): completes once no send decided under an older version is in flight. */
  Future<Void> changed(long version) {
    heard(version);
    if (sending == 0) {
      return Future.succeededFuture();
    }
    if (quiet == null) {
      quiet = Promise.promise();
    }
    return quiet.future();
  }

  /** A send to Telegram starts ({@code true}) or ends. */
  void sending(boolean starts) {
    sending += starts ? 1 : -1;
    if (sending == 0 && quiet != null) {
      Promise<Void> done = quiet;
      quiet = null;
      done.complete();
    }
  }

  boolean sending() {
    return sending > 0;
  }

  /** The runner stopped: nothing of it is sent any more, whatever is still in flight. */
  void release() {
    if (quiet != null) {
      quiet.tryComplete();
    }
  }
}
