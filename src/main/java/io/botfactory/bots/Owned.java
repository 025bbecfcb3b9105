package io.botfactory.bots;

import io.botfactory.bus.Failure;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/**
 * What every owner-checked statement of this package tells besides its answer: no row at all
 * means the calling client is gone (401 everywhere, as the gate says), and a row whose bot
 * column is null means no bot of this client has that id (the same 404 for a stranger's bot, an
 * unknown id and a non-UUID).
 */
final class Owned {

  private Owned() {
  }

  /** The first row, once the client and the bot (the non-null {@code botColumn}) are both there. */
  static Row row(RowSet<Row> rows, String botColumn) {
    if (rows.size() == 0) {
      throw clientGone();
    }
    Row row = rows.iterator().next();
    if (row.getValue(botColumn) == null) {
      throw botNotFound();
    }
    return row;
  }

  static ReplyException clientGone() {
    return Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE);
  }

  static ReplyException botNotFound() {
    return Failure.NOT_FOUND.exception(BotStore.NOT_FOUND);
  }
}
