package io.botfactory.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A FastAPI-style validation detail list, {@code [{"loc": [...], "msg": ..., "type": ...}]}:
 * the body of every 422, and the message of an {@link Failure#INVALID} reply. It names the
 * field and never echoes the submitted value, which may be a password or a token.
 */
public final class FieldErrors {

  private final JsonArray errors = new JsonArray();

  /** {@code where} is body, query, path or header; {@code field} may be null for the whole part. */
  public FieldErrors add(String where, String field, String msg, String type) {
    JsonArray loc = new JsonArray().add(where);
    if (field != null) {
      loc.add(field);
    }
    errors.add(new JsonObject().put("loc", loc).put("msg", msg).put("type", type));
    return this;
  }

  /** An error at a location already built, e.g. a JSON pointer into a nested body. */
  public FieldErrors add(JsonArray loc, String msg, String type) {
    errors.add(new JsonObject().put("loc", loc).put("msg", msg).put("type", type));
    return this;
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public JsonArray toJson() {
    return errors;
  }

  /** The failure carrying these errors across the bus. */
  public ReplyException failure() {
    return Failure.INVALID.exception(errors.encode());
  }

  /** One error, as the text of an INVALID reply. */
  public static ReplyException single(String where, String field, String msg, String type) {
    return new FieldErrors().add(where, field, msg, type).failure();
  }
}
