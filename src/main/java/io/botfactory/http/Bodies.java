package io.botfactory.http;

import io.botfactory.bus.FieldErrors;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.util.Locale;

/**
 * Reads request bodies. A wrong or missing Content-Type is 415; JSON that does not parse, or
 * is not an object, is a 422 naming the body. Failures are thrown, and the router's failure
 * handler answers them.
 */
final class Bodies {

  private static final String FORM = "application/x-www-form-urlencoded";

  private Bodies() {
  }

  /** The body as a JSON object; the Content-Type must be JSON. */
  static JsonObject json(RoutingContext ctx) {
    if (!isJson(mediaType(ctx))) {
      throw new HttpException(415, Problems.UNSUPPORTED_MEDIA_TYPE);
    }
    return parseObject(ctx.body().buffer());
  }

  /** The OAuth2 password-flow body: a urlencoded form, or the same fields as a JSON object. */
  static JsonObject formOrJson(RoutingContext ctx) {
    String type = mediaType(ctx);
    if (FORM.equals(type)) {
      MultiMap form = ctx.request().formAttributes();
      JsonObject fields = new JsonObject();
      for (String name : form.names()) {
        fields.put(name, form.get(name));
      }
      return fields;
    }
    if (isJson(type)) {
      return parseObject(ctx.body().buffer());
    }
    throw new HttpException(415, Problems.UNSUPPORTED_MEDIA_TYPE);
  }

  private static JsonObject parseObject(Buffer body) {
    Object value;
    try {
      value = body == null || body.length() == 0 ? null : Json.decodeValue(body);
    } catch (DecodeException e) {
      throw FieldErrors.single("body", null, "JSON decode error", "json_invalid");
    }
    if (value == null) {
      throw FieldErrors.single("body", null, "Field required", "missing");
    }
    if (!(value instanceof JsonObject)) {
      throw FieldErrors.single("body", null, "Input should be a valid dictionary or object to extract fields from",
        "model_attributes_type");
    }
    return (JsonObject) value;
  }

  /** The media type of the request, lower case without parameters, or "" when there is none. */
  private static String mediaType(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
  }
}
