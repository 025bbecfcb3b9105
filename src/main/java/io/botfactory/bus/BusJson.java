package io.botfactory.bus;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.VertxModule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where the bus messages become JSON and back: Jackson databind on the records,
 * through one mapper configured here once (docs/event-bus.md says why Jackson). The keys are the
 * components in snake_case; reading is strict: a value of another type is refused, never
 * converted, and a number or a boolean absent or null is refused, never read as 0 or false.
 */
public final class BusJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
    // JsonObject and JsonArray components (an event's bot, a command set) are the JSON they hold.
    .addModule(new VertxModule())
    // {"limit": "ten"}, {"limit": 10.5}, {"text": 1}, {"bot_id": 7}: refused, not converted.
    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
    .withCoercionConfig(LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
    // A message nested in another (an update's, a PATCH's changes) is never absent or null either.
    .withConfigOverride(IncomingUpdate.class, nested -> nested.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL)))
    .withConfigOverride(BotChanges.class, nested -> nested.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL)))
    // A key this node does not know is passed over: in a rolling upgrade a newer node may send one.
    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
    // A message without components (HealthRequest) is {}.
    .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
    .build();
  private static final JavaType FIELDS =
    MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class);

  private BusJson() {
  }

  /** {@code message}, a record of the contract, as the JSON object the bus carries. */
  public static JsonObject toJson(Object message) {
    Map<String, Object> fields = MAPPER.convertValue(message, FIELDS);
    return new JsonObject(fields);
  }

  /** {@code json} as a {@code type}; a body of another shape fails as {@link Failure#INVALID}, naming the key. */
  public static <T> T fromJson(JsonObject json, Class<T> type) {
    try {
      return MAPPER.convertValue(json.getMap(), type);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getCause());
    }
  }

  /** The JSON text of {@code message}, e.g. an {@link IncomingUpdate} stored beside its update. */
  public static String encode(Object message) {
    try {
      return MAPPER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a message of the bus: " + message.getClass().getName(), e);
    }
  }

  /** {@code text} as a {@code type}, as strictly as {@link #fromJson}. */
  public static <T> T decode(String text, Class<T> type) {
    try {
      return MAPPER.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
  }

  /** The failure naming where the body went wrong; never the value there, which may be a secret. */
  private static ReplyException invalid(Throwable cause) {
    JsonArray loc = new JsonArray().add("body");
    if (cause instanceof JsonMappingException) {
      for (JsonMappingException.Reference at : ((JsonMappingException) cause).getPath()) {
        loc.add(at.getFieldName() != null ? at.getFieldName() : at.getIndex());
      }
    }
    return new FieldErrors().add(loc, "Input should be a valid value", "value_error").failure();
  }
}
