package io.botfactory.bus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.util.Optional;

/**
 * The fields a {@code PATCH /bots/{id}} changes. A null component is a field the request did
 * not name, which stays as it is; {@code description} is {@code Optional.empty()} to clear the
 * description (the request's {@code "description": null}).
 *
 * <p>The one message {@link BusJson} does not map by its components alone: in its JSON an absent
 * key and a null differ ("keep" and "clear"), which a record's components cannot tell apart. So
 * it is written and read here, key by key, each value still read by the shared mapper's own
 * strict readers.
 */
@JsonSerialize(using = BotChanges.Writer.class)
@JsonDeserialize(using = BotChanges.Reader.class)
public record BotChanges(String name, Optional<String> description, Boolean isActive, String token) {

  @Override
  public String toString() {
    return "BotChanges" + BusJson.toJson(this).put("token", token == null ? null : "(new token)").encode();
  }

  /** Only the fields to change: an absent key stays as it is, {@code "description": null} clears. */
  static final class Writer extends StdSerializer<BotChanges> {

    Writer() {
      super(BotChanges.class);
    }

    @Override
    public void serialize(BotChanges changes, JsonGenerator json, SerializerProvider provider) throws IOException {
      json.writeStartObject();
      if (changes.name != null) {
        json.writeStringField("name", changes.name);
      }
      if (changes.description != null) {
        json.writeStringField("description", changes.description.orElse(null));
      }
      if (changes.isActive != null) {
        json.writeBooleanField("is_active", changes.isActive);
      }
      if (changes.token != null) {
        json.writeStringField("token", changes.token);
      }
      json.writeEndObject();
    }
  }

  static final class Reader extends StdDeserializer<BotChanges> {

    Reader() {
      super(BotChanges.class);
    }

    @Override
    public BotChanges deserialize(JsonParser json, DeserializationContext ctxt) throws IOException {
      if (!json.isExpectedStartObjectToken()) {
        return (BotChanges) ctxt.handleUnexpectedToken(BotChanges.class, json);
      }
      String name = null;
      Optional<String> description = null;
      Boolean isActive = null;
      String token = null;
      for (String key = json.nextFieldName(); key != null; key = json.nextFieldName()) {
        json.nextToken();
        try {
          switch (key) {
            case "name" -> name = value(json, ctxt, String.class);
            case "description" -> description = Optional.ofNullable(value(json, ctxt, String.class));
            case "is_active" -> isActive = value(json, ctxt, Boolean.class);
            case "token" -> token = value(json, ctxt, String.class);
            default -> json.skipChildren();
          }
        } catch (JsonMappingException e) {
          throw JsonMappingException.wrapWithPath(e, BotChanges.class, key);
        }
      }
      return new BotChanges(name, description, isActive, token);
    }

    private static <T> T value(JsonParser json, DeserializationContext ctxt, Class<T> type) throws IOException {
      return json.currentToken() == JsonToken.VALUE_NULL ? null : ctxt.readValue(json, type);
    }
  }
}
