package io.botfactory.http.openapi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.json.schema.OutputUnit;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InlineRequestValidator} must decide exactly as vertx-openapi's own
 * {@code RequestValidator} does on the same contract: same outcome, same validated values, and
 * for a refusal the same error type, message and locations. It subclasses the library's impl
 * classes and copies one of its methods, so a vertx-openapi upgrade that changes behaviour
 * must break this test, not production.
 */
@ExtendWith(VertxExtension.class)
class InlineRequestValidatorDifferentialTest {

  private static final String UUID = "0b7a1f1e-1111-4222-8333-944455556666";

  private RequestValidator library;
  private InlineRequestValidator inline;

  @BeforeEach
  void load(Vertx vertx) {
    ApiDocument document = ApiDocument.load(vertx).await();
    library = RequestValidator.create(vertx, document.contract());
    inline = new InlineRequestValidator(vertx, document.contract());
  }

  @Test
  void bodiesAreJudgedAlike() {
    List<String> registerBodies = List.of(
      "{\"email\":\"a@b.io\",\"password\":\"12345678\"}",
      "{\"email\":\"a@b.io\",\"password\":\"12345678\",\"full_name\":null,\"extra\":[1]}",
      "{\"email\":\"a@b.io\",\"password\":\"1234567\"}",
      "{\"email\":\"not-an-email\",\"password\":\"12345678\",\"full_name\":\"" + "x".repeat(129) + "\"}",
      "{\"email\":7,\"password\":true,\"full_name\":[]}",
      "{}", "[1,2]", "\"text\"", "null", "{\"email\": ", "", "{\"email\":\"a@b.io\",\"password\":\"\\u0000\\u0000\\u0000\\u0000\"}");
    for (String body : registerBodies) {
      same("registerClient", json(body, Map.of(), Map.of()));
    }
    List<String> botBodies = List.of(
      "{\"name\":\"n\",\"token\":\"123:AAEhBP0av28fSpGyXyLtWxDqkKdHaJ3Jw5Q\"}",
      "{\"name\":\"\",\"token\":\"123:short\",\"description\":\"" + "d".repeat(513) + "\"}",
      "{\"name\":3,\"token\":null}", "{\"token\":\"123:AAEhBP0av28fSpGyXyLtWxDqkKdHaJ3Jw5Q\"}",
      "{\"name\":\"" + "\uD83D\uDE00".repeat(65) + "\",\"token\":\"1:AAEhBP0av28fSpGyXyLtWxDqkKdHaJ3Jw5Q\"}");
    for (String body : botBodies) {
      same("createBot", json(body, Map.of(), Map.of()));
    }
    for (String body : List.of("{}", "{\"is_active\":\"yes\"}", "{\"name\":null}", "{\"description\":null}", "{\"token\":1}")) {
      same("updateBot", json(body, Map.of("bot_id", UUID), Map.of()));
    }
    for (String body : List.of("{\"username\":\"a\",\"password\":\"b\"}", "{\"username\":\"\",\"grant_type\":\"client\"}")) {
      same("login", json(body, Map.of(), Map.of()));
    }
  }

  @Test
  void queryParametersAreJudgedAlike() {
    List<Map<String, String>> queries = List.of(Map.of(), Map.of("limit", "1"), Map.of("limit", "100"),
      Map.of("limit", "0"), Map.of("limit", "101"), Map.of("limit", "ten"), Map.of("limit", "1.5"),
      Map.of("after", UUID), Map.of("after", "not-a-uuid"), Map.of("limit", "-1", "after", "x"));
    for (Map<String, String> query : queries) {
      same("listMyBots", request(null, Map.of(), query));
    }
  }

  /** Both validators, the same request: the same decision, described the same way. */
  private void same(String operationId, ValidatableRequest request) {
    Outcome expected = outcome(library.validate(request, operationId));
    Outcome actual = outcome(inline.validate(request, operationId));
    assertThat(actual).as(operationId + " " + describe(request)).isEqualTo(expected);
  }

  private static Outcome outcome(Future<ValidatedRequest> validation) {
    try {
      ValidatedRequest validated = validation.await();
      Map<String, Object> values = new HashMap<>();
      validated.getQuery().forEach((k, v) -> values.put("query." + k, v.get()));
      validated.getPathParameters().forEach((k, v) -> values.put("path." + k, v.get()));
      values.put("body", validated.getBody() == null ? null : String.valueOf(validated.getBody().get()));
      return new Outcome(true, values.toString(), null, null, null);
    } catch (ValidatorException e) {
      return new Outcome(false, null, e.getClass().getSimpleName() + "/" + e.type(), e.getMessage(), locations(e));
    }
  }

  /** Where each schema error is, in the instance and in the schema. */
  private static String locations(ValidatorException e) {
    if (!(e instanceof SchemaValidationException)) {
      return "";
    }
    TreeSet<String> where = new TreeSet<>();
    for (OutputUnit unit : ((SchemaValidationException) e).getOutputUnit().getErrors()) {
      where.add(unit.getInstanceLocation() + " @ " + unit.getKeywordLocation() + ": " + unit.getError());
    }
    return where.toString();
  }

  private static ValidatableRequest json(String body, Map<String, String> path, Map<String, String> query) {
    return request(new RequestParameterImpl(Buffer.buffer(body)), path, query);
  }

  private static ValidatableRequest request(RequestParameter body, Map<String, String> path, Map<String, String> query) {
    return new ValidatableRequestImpl(new HashMap<>(), new HashMap<>(), parameters(path), parameters(query),
      body == null ? new RequestParameterImpl(null) : body, body == null ? null : "application/json");
  }

  private static Map<String, RequestParameter> parameters(Map<String, String> values) {
    Map<String, RequestParameter> parameters = new HashMap<>();
    values.forEach((k, v) -> parameters.put(k, new RequestParameterImpl(v)));
    return parameters;
  }

  private static String describe(ValidatableRequest request) {
    Map<String, Object> query = new HashMap<>();
    request.getQuery().forEach((k, v) -> query.put(k, v.get()));
    return "query=" + query + " body=" + (request.getBody() == null ? null : request.getBody().get());
  }

  private record Outcome(boolean valid, String values, String error, String message, String locations) {
  }
}
