package io.botfactory.updates;

import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** One unhandled update as the inbox holds it. */
record StoredUpdate(long updateId, long chatId, String kind, String payload, int attempts, OffsetDateTime nextAttemptAt,
                    OffsetDateTime receivedAt) {

  static StoredUpdate from(Row row) {
    return new StoredUpdate(row.getLong("update_id"), row.getLong("chat_id"), row.getString("kind"),
      row.getString("payload"), row.getInteger("attempts"), row.getOffsetDateTime("next_attempt_at"),
      row.getOffsetDateTime("received_at"));
  }

  /** Not before its retry time. */
  boolean dueAt(OffsetDateTime now) {
    return nextAttemptAt == null || !nextAttemptAt.isAfter(now);
  }
}
