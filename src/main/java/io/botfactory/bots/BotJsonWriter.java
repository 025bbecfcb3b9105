package io.botfactory.bots;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.botfactory.bus.Timestamps;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a list of Bots as JSON text straight from the rows, with Jackson's streaming
 * generator: the hot path of {@code GET /bots/me} builds no JSON tree to copy and encode again.
 * Same fields, same order, same forms as {@link BotStore#toJson}; the API tests compare the two.
 */
final class BotJsonWriter {

  private static final JsonFactory JSON = new JsonFactory();

  private BotJsonWriter() {
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
    json.writeStringField("created_at", Timestamps.format(row.getOffsetDateTime("created_at")));
    json.writeStringField("updated_at", Timestamps.format(row.getOffsetDateTime("updated_at")));
    json.writeEndObject();
  }
}
