package io.botfactory.http.openapi;

import io.botfactory.bus.FieldErrors;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Presents a request to the OpenAPI validator. The body is the one {@code BodyHandler} read
 * (so the 64 KiB limit holds), after the adjustments the document asks for: a Content-Type
 * the operation does not declare is 415 before anything else; an urlencoded form (the OAuth2
 * password flow) is handed over as the equivalent JSON object; text that {@link TextRules}
 * refuses is 422 at once; and properties marked {@code x-trim} are trimmed, so that lengths are
 * checked on what will be stored.
 */
final class ValidatorInput implements RequestExtractor {

  private static final String JSON = "application/json";

  private final ApiDocument document;

  ValidatorInput(ApiDocument document) {
    this.document = document;
  }

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    Set<String> accepted = document.mediaTypes(operation.getOperationId());
    if (accepted.isEmpty()) {
      return RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(ctx.body().buffer()));
    }
    String type = mediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
    if (!accepted.contains(type) && !(accepted.contains(JSON) && isJson(type))) {
      return Future.failedFuture(new HttpException(415));
    }
    Buffer body = ApiDocument.FORM.equals(type) ? formAsJson(ctx.request().formAttributes()) : ctx.body().buffer();
    JsonObject object = asObject(body);
    if (object == null) {
      return RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(body)).map(AsJson::new);
    }
    FieldErrors refused = TextRules.check(object, document.textFields(operation.getOperationId()));
    if (!refused.isEmpty()) {
      return Future.failedFuture(refused.failure());
    }
    Buffer trimmed = trim(object, body, document.trimmedFields(operation.getOperationId()));
    return RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(trimmed))
      .map(AsJson::new);
  }

  /**
   * A field given twice takes its last value, as FastAPI (Starlette's form parser) does, so that
   * a client and a proxy in front of it cannot disagree about which value was sent.
   */
  private static Buffer formAsJson(MultiMap form) {
    JsonObject fields = new JsonObject();
    for (String name : form.names()) {
      List<String> values = form.getAll(name);
      fields.put(name, values.get(values.size() - 1));
    }
    return fields.toBuffer();
  }

  /** The body as a JSON object, or null when it is not one (the validator then says what is wrong with it). */
  private static JsonObject asObject(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      Object value = body.toJsonValue();
      return value instanceof JsonObject ? (JsonObject) value : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  /** {@code body} with the marked string properties of its {@code object} trimmed. */
  private static Buffer trim(JsonObject object, Buffer body, Set<String> fields) {
    boolean changed = false;
    for (String field : fields) {
      if (object.getValue(field) instanceof String) {
        object.put(field, object.getString(field).strip());
        changed = true;
      }
    }
    return changed ? object.toBuffer() : body;
  }

  static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static boolean isJson(String type) {
    return type.startsWith("application/") && type.endsWith("+json");
  }

  /** The request as the validator should see it: a JSON body, whatever the wire format was. */
  private static final class AsJson implements ValidatableRequest {
    private final ValidatableRequest request;

    AsJson(ValidatableRequest request) {
      this.request = request;
    }

    @Override
    public Map<String, RequestParameter> getCookies() {
      return request.getCookies();
    }

    @Override
    public Map<String, RequestParameter> getHeaders() {
      return request.getHeaders();
    }

    @Override
    public Map<String, RequestParameter> getPathParameters() {
      return request.getPathParameters();
    }

    @Override
    public Map<String, RequestParameter> getQuery() {
      return request.getQuery();
    }

    @Override
    public RequestParameter getBody() {
      return request.getBody();
    }

    @Override
    public String getContentType() {
      return JSON;
    }
  }
}
