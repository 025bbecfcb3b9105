package io.botfactory.telegram;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.util.Set;

/**
 * What BotFactory must know of a Telegram Update before storing it: its {@code update_id}, its
 * type (the one field besides {@code update_id}, e.g. {@code message}) and the chat it belongs
 * to (updates of one chat are handled in order). Read from the raw JSON in one streaming pass,
 * which also checks that the whole body is well-formed JSON, without building a tree of what
 * may be a megabyte of message; the update itself is stored as the text it came as. Any update
 * type, known or not, with any content, is accepted; only "not a JSON object with an integer
 * update_id" is refused.
 */
public record UpdateEnvelope(long updateId, String kind, long chatId) {

  /** Types whose object holds {@code chat} directly. */
  private static final Set<String> CHAT_HOLDERS = Set.of("message", "edited_message", "channel_post",
    "edited_channel_post", "business_message", "edited_business_message", "my_chat_member", "chat_member",
    "chat_join_request", "message_reaction", "message_reaction_count", "chat_boost", "removed_chat_boost");

  private static final JsonFactory JSON = JsonFactory.builder()
    // Telegram's ids and text are small; a hostile body must not make the parser build huge numbers or nest forever.
    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(40).build())
    .build();

  /** The envelope, or null when {@code body} is not a JSON object with an integer {@code update_id} >= 0. */
  public static UpdateEnvelope read(Buffer body) {
    try (JsonParser json = JSON.createParser(body.getBytes())) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Long updateId = null;
      String kind = null;
      long chatId = 0;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (field.equals("update_id") && updateId == null) {
          updateId = integer(json, value);
          if (updateId == null) {
            return null;
          }
        } else if (value == JsonToken.START_OBJECT && kind == null) {
          kind = field;
          chatId = chatIdIn(json, field);
        } else {
          json.skipChildren();
        }
      }
      if (json.nextToken() != null || updateId == null || updateId < 0) {
        return null; // trailing content, or no update_id
      }
      return new UpdateEnvelope(updateId, kind == null ? "unknown" : kind, chatId);
    } catch (IOException | RuntimeException e) {
      return null; // not JSON, or beyond the parser's limits
    }
  }

  /** The envelope of an update that is already a JSON object (from getUpdates), or null. */
  public static UpdateEnvelope of(JsonObject update) {
    return read(update.toBuffer());
  }

  private static Long integer(JsonParser json, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return null;
    }
    return json.getLongValue();
  }

  /** Reads the update's object (the parser is on its START_OBJECT) to its end; answers the chat id found, or 0. */
  private static long chatIdIn(JsonParser json, String kind) throws IOException {
    long chatId = 0;
    long fromId = 0;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken value = json.nextToken();
      if (value == JsonToken.START_OBJECT && field.equals("chat") && CHAT_HOLDERS.contains(kind)) {
        chatId = idIn(json);
      } else if (value == JsonToken.START_OBJECT && field.equals("message") && kind.equals("callback_query")) {
        chatId = chatOfMessage(json);
      } else if (value == JsonToken.START_OBJECT && field.equals("from")) {
        fromId = idIn(json);
      } else {
        json.skipChildren();
      }
    }
    return chatId != 0 ? chatId : fromId;
  }

  /** The {@code chat.id} of a message object (the parser is on its START_OBJECT), read to its end. */
  private static long chatOfMessage(JsonParser json) throws IOException {
    long chatId = 0;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken value = json.nextToken();
      if (value == JsonToken.START_OBJECT && field.equals("chat")) {
        chatId = idIn(json);
      } else {
        json.skipChildren();
      }
    }
    return chatId;
  }

  /** The integer {@code id} of an object (the parser is on its START_OBJECT), read to its end; 0 if none. */
  private static long idIn(JsonParser json) throws IOException {
    long id = 0;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken value = json.nextToken();
      if (field.equals("id") && value == JsonToken.VALUE_NUMBER_INT
        && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        id = json.getLongValue();
      } else {
        json.skipChildren();
      }
    }
    return id;
  }
}
