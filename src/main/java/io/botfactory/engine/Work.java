package io.botfactory.engine;

import io.botfactory.bus.IncomingUpdate;

/**
 * One update waiting in its chat's lane: what handling needs of it ({@code update}: null when it
 * could not be read, then it is only recorded), the bot's version it was stored under, and when
 * it was stored (epoch milliseconds).
 */
record Work(long updateId, IncomingUpdate update, long version, long receivedAt) {

  /** The lane it waits in: its chat (updates of one chat are handled in update_id order). */
  long chatId() {
    return update == null ? 0 : update.chatId();
  }
}
