package io.botfactory.bots;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.botfactory.bus.Timestamps;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The contract's Bot, written from a row of {@link BotSql#bot}: the one place that lists
 * its fields. Lists are written as JSON text straight from the rows with Jackson's streaming
 * generator, so the hot path of {@code GET /bots/me} builds no JSON tree to copy and encode
 * again; a single Bot is read back from that text into a JsonObject.
 */
final class BotJson {

  private static final JsonFactory JSON = new JsonFactory();

  /** What a displaced bot's {@code last_error} says: the Telegram bot is another bot's now. */
  static final String DISPLACED = "Another account proved a token of this Telegram bot, and Telegram never confirmed "
    + "this bot's token: set this bot's own token from @BotFather to run it again";

  private BotJson() {
  }

  static Buffer array(List<Row> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * Math.max(1, rows.size()));
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartArray();
      for (Row row : rows) {
        write(json, row);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  static JsonObject object(Row row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      write(json, row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new JsonObject(Buffer.buffer(out.toByteArray()));
  }

  private static void write(JsonGenerator json, Row row) throws IOException {
    long telegramId = row.getLong("telegram_bot_id");
    json.writeStartObject();
    json.writeStringField("id", row.getUUID("id").toString());
    json.writeStringField("client_id", row.getUUID("client_id").toString());
    json.writeStringField("name", row.getString("name"));
    json.writeStringField("description", row.getString("description"));
    json.writeNumberField("telegram_bot_id", telegramId);
    json.writeStringField("token_hint", TelegramToken.hint(telegramId, row.getString("token_last4")));
    json.writeBooleanField("is_active", row.getBoolean("is_active"));
    json.writeStringField("telegram_username", row.getString("telegram_username"));
    // Displaced (another bot took its Telegram bot id): token_rejected since then, unless inactive (disabled).
    boolean displaced = Boolean.TRUE.equals(row.getBoolean("displaced")) && row.getBoolean("is_active");
    json.writeObjectFieldStart("webhook");
    json.writeStringField("status", displaced ? "token_rejected" : row.getString("webhook_status"));
    json.writeStringField("last_error", displaced ? DISPLACED : row.getString("webhook_last_error"));
    json.writeStringField("last_error_at",
      timestamp(row.getOffsetDateTime(displaced ? "displaced_at" : "webhook_last_error_at")));
    json.writeEndObject();
    json.writeStringField("created_at", Timestamps.format(row.getOffsetDateTime("created_at")));
    json.writeStringField("updated_at", Timestamps.format(row.getOffsetDateTime("updated_at")));
    json.writeEndObject();
  }

  private static String timestamp(OffsetDateTime time) {
    return time == null ? null : Timestamps.format(time);
  }
}
