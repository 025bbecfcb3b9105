package io.botfactory.telegram;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.botfactory.bus.IncomingUpdate;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads a Telegram Update's JSON text, in one streaming pass that also checks the whole text is
 * well-formed, into what BotFactory must know of it ({@link IncomingUpdate}): its update_id, type
 * and chat, its sender, and for a text message its first word and a short argument. The update
 * is stored as the text it came as; the webhook route and a node reading the inbox back both read
 * it here, so what is stored and what is handled cannot differ. Not an Update, for this reader: a
 * text that is not a JSON object with a positive integer {@code update_id}, nests deeper than
 * {@value #MAX_DEPTH}, or repeats a key anywhere (two readers could each take a different one).
 */
public final class UpdateEnvelope {

  static final int MAX_DEPTH = 64;
  /** Telegram's own limits: first names up to 64 characters, usernames up to 32. */
  private static final int NAME_MAX = 64;
  private static final int USERNAME_MAX = 32;
  private static final int LANGUAGE_MAX = 35;
  private static final int STATUS_MAX = 32;
  /** A command is at most 32 characters, {@code @} and a username of 32: anything longer matches none. */
  private static final int COMMAND_MAX = 72;
  /** A deep-link payload is at most 64 characters; a longer argument is no payload. */
  private static final int ARGUMENT_MAX = 64;

  /** Types whose object holds {@code chat} directly. */
  private static final Set<String> CHAT_HOLDERS = Set.of("message", "edited_message", "channel_post",
    "edited_channel_post", "business_message", "edited_business_message", "my_chat_member", "chat_member",
    "chat_join_request", "message_reaction", "message_reaction_count", "chat_boost", "removed_chat_boost");
  private static final Set<String> CHAT_TYPES = Set.of("private", "group", "supergroup", "channel");

  private static final JsonFactory JSON = JsonFactory.builder()
    // Telegram's ids and text are small; a hostile body must not make the parser build huge numbers or nest forever.
    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(40).build())
    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
    .build();

  private UpdateEnvelope() {
  }

  /** The update in {@code body}, or null when it is not one (see the class comment). */
  public static IncomingUpdate read(Buffer body) {
    return read(body.getBytes());
  }

  /** The update stored as {@code payload}, or null. */
  public static IncomingUpdate read(String payload) {
    return read(payload.getBytes(StandardCharsets.UTF_8));
  }

  private static IncomingUpdate read(byte[] body) {
    try (JsonParser json = JSON.createParser(body)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Long updateId = null;
      Parts parts = null;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (field.equals("update_id")) {
          updateId = integer(json, value);
          if (updateId == null || updateId <= 0) {
            return null;
          }
        } else if (value == JsonToken.START_OBJECT && parts == null) {
          parts = new Parts(field);
          parts.readBody(json);
        } else {
          json.skipChildren();
        }
      }
      if (json.nextToken() != null || updateId == null) {
        return null; // trailing content, or no update_id
      }
      return (parts == null ? new Parts("unknown") : parts).toUpdate(updateId);
    } catch (IOException | RuntimeException e) {
      return null; // not JSON, a repeated key, or beyond the parser's limits
    }
  }

  private static Long integer(JsonParser json, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return null;
    }
    return json.getLongValue();
  }

  /** What the update's object says, gathered field by field. */
  private static final class Parts {
    private final String kind;
    private long chatId;
    private String chatType;
    private long fromId;
    private String firstName;
    private String username;
    private String languageCode;
    private String text;
    private String memberStatus;

    Parts(String kind) {
      this.kind = kind;
    }

    /** Reads the update's object (the parser is on its START_OBJECT) to its end. */
    void readBody(JsonParser json) throws IOException {
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (value == JsonToken.START_OBJECT && field.equals("chat") && CHAT_HOLDERS.contains(kind)) {
          readChat(json);
        } else if (value == JsonToken.START_OBJECT && field.equals("message") && kind.equals("callback_query")) {
          readMessageChat(json);
        } else if (value == JsonToken.START_OBJECT && field.equals("from")) {
          readFrom(json);
        } else if (value == JsonToken.START_OBJECT && field.equals("new_chat_member") && kind.equals("my_chat_member")) {
          readMember(json);
        } else if (value == JsonToken.VALUE_STRING && field.equals("text") && kind.equals("message")) {
          text = json.getText();
        } else {
          json.skipChildren();
        }
      }
    }

    private void readChat(JsonParser json) throws IOException {
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (field.equals("id") && value == JsonToken.VALUE_NUMBER_INT) {
          Long id = integer(json, value);
          chatId = id == null ? 0 : id;
        } else if (field.equals("type") && value == JsonToken.VALUE_STRING) {
          chatType = CHAT_TYPES.contains(json.getText()) ? json.getText() : null;
        } else {
          json.skipChildren();
        }
      }
    }

    /** A callback query's message: its chat only. */
    private void readMessageChat(JsonParser json) throws IOException {
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (value == JsonToken.START_OBJECT && field.equals("chat")) {
          readChat(json);
        } else {
          json.skipChildren();
        }
      }
    }

    private void readFrom(JsonParser json) throws IOException {
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (field.equals("id") && value == JsonToken.VALUE_NUMBER_INT) {
          Long id = integer(json, value);
          fromId = id == null ? 0 : id;
        } else if (value == JsonToken.VALUE_STRING && field.equals("first_name")) {
          firstName = cap(json.getText(), NAME_MAX);
        } else if (value == JsonToken.VALUE_STRING && field.equals("username")) {
          username = cap(json.getText(), USERNAME_MAX);
        } else if (value == JsonToken.VALUE_STRING && field.equals("language_code")) {
          languageCode = cap(json.getText(), LANGUAGE_MAX);
        } else {
          json.skipChildren();
        }
      }
    }

    private void readMember(JsonParser json) throws IOException {
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (value == JsonToken.VALUE_STRING && field.equals("status")) {
          memberStatus = cap(json.getText(), STATUS_MAX);
        } else {
          json.skipChildren();
        }
      }
    }

    IncomingUpdate toUpdate(long updateId) {
      String command = null;
      String argument = null;
      if (text != null && text.startsWith("/")) {
        int end = 1;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
          end++;
        }
        command = cap(text.substring(0, Math.min(end, COMMAND_MAX + 1)), COMMAND_MAX + 1);
        String rest = text.length() - end > 4 * ARGUMENT_MAX ? "" : text.substring(end).strip();
        argument = rest.isEmpty() || rest.length() > ARGUMENT_MAX ? null : rest;
      }
      long chat = chatId != 0 ? chatId : fromId;
      return new IncomingUpdate(updateId, kind, chat, chatId != 0 ? chatType : null, fromId, firstName, username,
        languageCode, text != null, command, argument, memberStatus);
    }
  }

  /** At most {@code max} characters, never splitting a surrogate pair. */
  private static String cap(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, cut);
  }
}
