package io.botfactory.audience;

import io.botfactory.bus.Failure;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/**
 * What every statement of this service tells besides its answer, as the bot store's do: no row at
 * all means the calling client is gone (401 everywhere, as the gate says), and a row whose
 * {@code found} column is null means no bot of this client has that id (the same 404 for a
 * stranger's bot, an unknown id and a non-UUID).
 */
final class OwnedRows {

  static final String BOT_NOT_FOUND = "Bot not found";
  static final String BROADCAST_NOT_FOUND = "Broadcast not found";
  static final String SUBSCRIBER_NOT_FOUND = "Subscriber not found";

  private OwnedRows() {
  }

  /** The first row, once the client and its bot are both there. */
  static Row row(RowSet<Row> rows) {
    if (rows.size() == 0) {
      throw clientGone();
    }
    Row row = rows.iterator().next();
    if (row.getValue("found") == null) {
      throw notFound(BOT_NOT_FOUND);
    }
    return row;
  }

  static ReplyException clientGone() {
    return Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE);
  }

  static ReplyException notFound(String detail) {
    return Failure.NOT_FOUND.exception(detail);
  }
}
