package io.botfactory.integration;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotTake;
import io.botfactory.bus.EngineMessages;
import io.botfactory.bus.FieldErrors;
import io.botfactory.bus.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The messages the owner queues through the API; see {@link MessageSql}. Once one is committed,
 * the engine node holding the bot is told ({@code engine.messages.<node>}), or, when no live node
 * holds it, one engine node is asked to take the bot ({@code engine.take}).
 */
final class MessageStore {

  /** A request whose idempotency key another request took after this one's snapshot asks again, at most so often. */
  private static final int TRIES = 3;

  private final Pool pool;
  private final EventBus bus;

  MessageStore(Pool pool, EventBus bus) {
    this.pool = pool;
    this.bus = bus;
  }

  /** The message queued, or, for a key used before with the same body, the first request's message. */
  Future<JsonObject> send(UUID client, UUID bot, long chatId, String text, boolean silent, String key) {
    Tuple params = Tuple.of(client, bot, UUID.randomUUID(), chatId, text, silent, key, hash(chatId, text, silent));
    return send(params, bot, TRIES);
  }

  private Future<JsonObject> send(Tuple params, UUID bot, int tries) {
    return pool.preparedQuery(MessageSql.SEND).execute(params).compose(rows -> {
      Row row = Owned.row(rows);
      if (row.getValue("id") != null) {
        wake(bot, row.getString("holder"));
        return Future.succeededFuture(accepted(json(row, "")));
      }
      if (!row.getBoolean("chat_known")) {
        throw FieldErrors.single("body", "chat_id", "Value error, this chat has not written to the bot", "value_error");
      }
      if (row.getValue("prior_id") == null && row.getBoolean("key_taken") && tries > 1) {
        return send(params, bot, tries - 1);
      }
      if (row.getValue("prior_id") == null || !MessageDigest.isEqual(row.getBuffer("prior_hash").getBytes(),
        params.getBuffer(7).getBytes())) {
        throw FieldErrors.single("header", "Idempotency-Key",
          "Value error, this key was used with another request in the last 24 hours", "value_error");
      }
      return Future.succeededFuture(accepted(json(row, "prior_")));
    });
  }

  /** What a POST answers: the message's id, chat, status and creation. */
  private static JsonObject accepted(JsonObject message) {
    message.remove("sent_at");
    message.remove("error");
    return message;
  }

  Future<JsonObject> get(UUID client, UUID bot, UUID message) {
    return pool.preparedQuery(MessageSql.GET).execute(Tuple.of(client, bot, message))
      .map(rows -> json(Owned.known(rows, Owned.MESSAGE_NOT_FOUND), ""));
  }

  private void wake(UUID bot, String holder) {
    if (holder != null) {
      bus.send(Addresses.ENGINE_MESSAGES.at(holder).name(), new EngineMessages(bot.toString()).toJson());
    } else {
      bus.send(Addresses.ENGINE_TAKE.name(), new BotTake(bot.toString()).toJson());
    }
  }

  /**
   * A Message as the contract shows it, from the columns named {@code prefix} + the column: one
   * being sent is still {@code queued} to its owner (the engine's mark that it is on its way).
   */
  private static JsonObject json(Row row, String prefix) {
    String status = row.getString(prefix + "status");
    return new JsonObject()
      .put("id", row.getUUID(prefix + "id").toString())
      .put("chat_id", row.getLong(prefix + "chat_id"))
      .put("status", status.equals("sending") ? "queued" : status)
      .put("created_at", time(row, prefix + "created_at"))
      .put("sent_at", time(row, prefix + "sent_at"))
      .put("error", row.getString(prefix + "error"));
  }

  private static String time(Row row, String column) {
    OffsetDateTime time = row.getOffsetDateTime(column);
    return time == null ? null : Timestamps.format(time);
  }

  /** What a repeated key's request must be again: the chat, the silence and the text. */
  private static io.vertx.core.buffer.Buffer hash(long chatId, String text, boolean silent) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((chatId + "\n" + silent + "\n").getBytes(StandardCharsets.UTF_8));
      return io.vertx.core.buffer.Buffer.buffer(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
