package io.botfactory.integration;

import io.botfactory.bus.Failure;
import io.botfactory.bus.Ids;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.util.UUID;

/**
 * What every statement of this service tells besides its answer, as the bot store's do: no row at
 * all means the calling client is gone (401 everywhere, as the gate says), a row whose
 * {@code found} column is null means no bot of this client has that id, and {@code known} null
 * that the bot has no such endpoint, delivery or message (the same 404 for a stranger's, an
 * unknown id and a non-UUID).
 */
final class Owned {

  static final String BOT_NOT_FOUND = "Bot not found";
  static final String ENDPOINT_NOT_FOUND = "Endpoint not found";
  static final String DELIVERY_NOT_FOUND = "Delivery not found";
  static final String MESSAGE_NOT_FOUND = "Message not found";
  /** Stands in for an id that is not a UUID: nothing has it, yet the query still checks the client. */
  private static final UUID NO_ID = new UUID(0, 0);

  private Owned() {
  }

  /** The first row, once the client and its bot are both there. */
  static Row row(RowSet<Row> rows) {
    if (rows.size() == 0) {
      throw Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE);
    }
    Row row = rows.iterator().next();
    if (row.getValue("found") == null) {
      throw Failure.NOT_FOUND.exception(BOT_NOT_FOUND);
    }
    return row;
  }

  /** The first row, once the client, its bot and the thing named are there ({@code known}). */
  static Row known(RowSet<Row> rows, String notFound) {
    Row row = row(rows);
    if (row.getValue("known") == null) {
      throw Failure.NOT_FOUND.exception(notFound);
    }
    return row;
  }

  /** The caller's id; the router put it there from a verified token, so a bad one means the client is gone. */
  static UUID client(String clientId) {
    UUID id = Ids.uuid(clientId);
    if (id == null) {
      throw Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE);
    }
    return id;
  }

  /** An id from a URL: one that is not a UUID is one nothing has. */
  static UUID id(String id) {
    UUID uuid = Ids.uuid(id);
    return uuid == null ? NO_ID : uuid;
  }

  static ReplyException notFound(String detail) {
    return Failure.NOT_FOUND.exception(detail);
  }
}
