package io.botfactory.http.openapi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code openapi.yaml}, the contract as code: served as it is at {@code /openapi.json}, and
 * loaded into vertx-openapi, which builds the routes and validates every request.
 *
 * <p>Two things the served document says that vertx-openapi 5.0.7 cannot take are adapted in
 * its copy only: media types it does not support (the token route's
 * {@code application/x-www-form-urlencoded}, which {@link ValidatorInput} presents to it as JSON,
 * and the HTML of {@code /docs}) are left out, and the relative {@code tokenUrl} that Swagger UI
 * resolves is made absolute to satisfy the meta-schema's {@code format: uri}.
 */
final class ApiDocument {

  static final String RESOURCE = "openapi.yaml";
  /** Marks a string property to be trimmed of surrounding whitespace before it is validated. */
  static final String TRIM = "x-trim";
  static final String FORM = "application/x-www-form-urlencoded";

  private final JsonObject document;
  private final OpenAPIContract contract;
  private final Map<String, Set<String>> trimmedFields;
  private final Map<String, Map<String, Boolean>> textFields;
  private final Map<String, Set<String>> mediaTypes;

  private ApiDocument(JsonObject document, OpenAPIContract contract) {
    this.document = document;
    this.contract = contract;
    this.trimmedFields = new HashMap<>();
    this.textFields = new HashMap<>();
    this.mediaTypes = new HashMap<>();
    forEachOperation(document, (operationId, operation) -> {
      JsonObject content = operation.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject());
      mediaTypes.put(operationId, content.fieldNames());
      Set<String> trimmed = new HashSet<>();
      Map<String, Boolean> text = new HashMap<>();
      for (String type : content.fieldNames()) {
        JsonObject schema = resolve(content.getJsonObject(type).getJsonObject("schema", new JsonObject()));
        JsonObject properties = schema.getJsonObject("properties", new JsonObject());
        for (String name : properties.fieldNames()) {
          JsonObject property = resolve(properties.getJsonObject(name));
          if (property.getBoolean(TRIM, false)) {
            trimmed.add(name);
          }
          if (String.valueOf(property.getValue("type")).contains("string")) {
            text.put(name, "password".equals(property.getString("format")));
          }
        }
      }
      trimmedFields.put(operationId, trimmed);
      textFields.put(operationId, text);
    });
  }

  static Future<ApiDocument> load(Vertx vertx) {
    return vertx.fileSystem().readFile(RESOURCE).compose(yaml -> {
      JsonObject document = parse(yaml);
      return OpenAPIContract.from(vertx, forValidator(document)).map(contract -> new ApiDocument(document, contract));
    });
  }

  /** The document exactly as written, for {@code /openapi.json}. */
  JsonObject document() {
    return document;
  }

  OpenAPIContract contract() {
    return contract;
  }

  /** The body properties of {@code operationId} marked {@value #TRIM}. */
  Set<String> trimmedFields(String operationId) {
    return trimmedFields.getOrDefault(operationId, Set.of());
  }

  /**
   * The string properties of {@code operationId}'s body, each with whether it is a secret
   * ({@code format: password}), for {@link TextRules}.
   */
  Map<String, Boolean> textFields(String operationId) {
    return textFields.getOrDefault(operationId, Map.of());
  }

  /** The media types the served document lets {@code operationId}'s body have (empty: no body). */
  Set<String> mediaTypes(String operationId) {
    return mediaTypes.getOrDefault(operationId, Set.of());
  }

  /** Every operation as "METHOD /path/{param}", for checking the router against the document. */
  Set<String> operations() {
    Set<String> operations = new HashSet<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (METHODS.contains(method)) {
          operations.add(method.toUpperCase() + " " + path);
        }
      }
    }
    return operations;
  }

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private JsonObject resolve(JsonObject schema) {
    String ref = schema.getString("$ref");
    if (ref == null || !ref.startsWith("#/")) {
      return schema;
    }
    JsonObject target = document;
    for (String part : ref.substring(2).split("/")) {
      target = target.getJsonObject(part);
    }
    return resolve(target);
  }

  private static JsonObject forValidator(JsonObject document) {
    JsonObject copy = document.copy();
    forEachOperation(copy, (operationId, operation) -> {
      JsonObject body = operation.getJsonObject("requestBody");
      if (body != null) {
        body.getJsonObject("content").fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
      }
      JsonObject responses = operation.getJsonObject("responses", new JsonObject());
      for (String status : responses.fieldNames()) {
        JsonObject content = responses.getJsonObject(status).getJsonObject("content");
        if (content != null) {
          content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
        }
      }
    });
    JsonObject schemes = copy.getJsonObject("components").getJsonObject("securitySchemes");
    for (String name : schemes.fieldNames()) {
      JsonObject password = schemes.getJsonObject(name).getJsonObject("flows", new JsonObject()).getJsonObject("password");
      if (password != null && password.getString("tokenUrl", "").startsWith("/")) {
        password.put("tokenUrl", "http://localhost" + password.getString("tokenUrl"));
      }
    }
    return copy;
  }

  private static void forEachOperation(JsonObject document, java.util.function.BiConsumer<String, JsonObject> action) {
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          JsonObject operation = item.getJsonObject(method);
          action.accept(operation.getString("operationId"), operation);
        }
      }
    }
  }

  private static JsonObject parse(Buffer yaml) {
    Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml.toString(StandardCharsets.UTF_8));
    return new JsonObject(map);
  }
}
