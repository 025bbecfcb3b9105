package io.botfactory.http.openapi;

import io.botfactory.bus.FieldErrors;
import io.vertx.core.json.JsonArray;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the OpenAPI validator found into the FastAPI-style detail list of a 422:
 * {@code loc} from the instance location (or the parameter), {@code type} and {@code msg} in
 * pydantic's words from the failing JSON Schema keyword. The validator's own texts are not
 * passed on: some of them quote the submitted value.
 */
final class ValidationErrors {

  // vertx-openapi names the parameter only in its message: "... of query parameter limit ...".
  private static final Pattern PARAMETER = Pattern.compile("(path|query|header|cookie) parameter (\\S+?)[ .]");
  private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");
  private static final Pattern LAST_NUMBER = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\)?$");
  private static final Pattern EXPECTED = Pattern.compile("Expected (\\w+)");
  /** Keywords that only say "something below failed": the leaf errors beside them say what. */
  private static final Set<String> CONTAINERS = Set.of("properties", "items", "$ref", "allOf", "anyOf", "oneOf",
    "additionalProperties", "unevaluatedProperties", "then", "else", "format");

  private ValidationErrors() {
  }

  static FieldErrors of(ValidatorException e) {
    FieldErrors errors = new FieldErrors();
    Matcher parameter = PARAMETER.matcher(e.getMessage() == null ? "" : e.getMessage());
    String where = parameter.find() ? parameter.group(1) : "body";
    String name = where.equals("body") ? null : parameter.group(2);
    if (e.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER && !(e instanceof SchemaValidationException)) {
      return errors.add(where, name, "Field required", "missing");
    }
    if (e.type() == ValidatorErrorType.ILLEGAL_VALUE || e.type() == ValidatorErrorType.INVALID_VALUE_FORMAT) {
      return where.equals("body")
        ? errors.add("body", null, "JSON decode error", "json_invalid")
        : errors.add(where, name, "Input should be a valid value", "value_error");
    }
    if (e instanceof SchemaValidationException) {
      Set<String> seen = new HashSet<>();
      for (OutputUnit unit : ((SchemaValidationException) e).getOutputUnit().getErrors()) {
        addLeaf(errors, seen, where, name, unit);
      }
    }
    if (errors.isEmpty()) {
      errors.add(where, name, "Input should be valid", "value_error");
    }
    return errors;
  }

  private static void addLeaf(FieldErrors errors, Set<String> seen, String where, String parameter, OutputUnit unit) {
    String keywordLocation = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
    String keyword = keywordLocation.substring(keywordLocation.lastIndexOf('/') + 1);
    if (CONTAINERS.contains(keyword)) {
      return;
    }
    String text = unit.getError() == null ? "" : unit.getError();
    JsonArray loc = new JsonArray().add(where);
    if (parameter != null) {
      loc.add(parameter);
    }
    pointer(unit.getInstanceLocation()).forEach(loc::add);
    if (keyword.equals("required")) {
      Matcher m = REQUIRED.matcher(text);
      loc.add(m.find() ? m.group(1) : "?");
    }
    if (!seen.add(loc.encode())) {
      return; // one error per field, as pydantic reports it
    }
    String[] typeAndMsg = describe(keyword, text, loc.size() == 1);
    errors.add(loc, typeAndMsg[1], typeAndMsg[0]);
  }

  /** {type, msg} in pydantic's words. */
  private static String[] describe(String keyword, String text, boolean wholeBody) {
    switch (keyword) {
      case "required":
        return new String[]{"missing", "Field required"};
      case "type":
        return typeError(text, wholeBody);
      case "minLength": {
        String n = number(text);
        return new String[]{"string_too_short", "String should have at least " + n + ("1".equals(n) ? " character" : " characters")};
      }
      case "maxLength": {
        String n = number(text);
        return new String[]{"string_too_long", "String should have at most " + n + ("1".equals(n) ? " character" : " characters")};
      }
      case "pattern":
        return new String[]{"string_pattern_mismatch", "String should match the pattern the API documents for this field"};
      case "minimum":
        return new String[]{"greater_than_equal", "Input should be greater than or equal to " + number(text)};
      case "maximum":
        return new String[]{"less_than_equal", "Input should be less than or equal to " + number(text)};
      case "const":
      case "enum":
        return new String[]{"literal_error", "Input should be one of the documented values"};
      default:
        return new String[]{"value_error", "Input should be valid"};
    }
  }

  private static String[] typeError(String text, boolean wholeBody) {
    Matcher m = EXPECTED.matcher(text);
    String expected = m.find() ? m.group(1) : "";
    switch (expected) {
      case "string":
        return new String[]{"string_type", "Input should be a valid string"};
      case "boolean":
        return new String[]{"bool_type", "Input should be a valid boolean"};
      case "integer":
      case "number":
        return new String[]{"int_parsing", "Input should be a valid integer, unable to parse string as an integer"};
      case "object":
        return wholeBody
          ? new String[]{"model_attributes_type", "Input should be a valid dictionary or object to extract fields from"}
          : new String[]{"dict_type", "Input should be a valid dictionary"};
      case "array":
        return new String[]{"list_type", "Input should be a valid list"};
      default:
        return new String[]{"type_error", "Input should be of the documented type"};
    }
  }

  private static String number(String text) {
    Matcher m = LAST_NUMBER.matcher(text.trim());
    return m.find() ? m.group(1) : "?";
  }

  /** "#/a/0/b" → ["a", 0, "b"]. */
  private static JsonArray pointer(String instanceLocation) {
    JsonArray parts = new JsonArray();
    if (instanceLocation == null) {
      return parts;
    }
    String path = instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String decoded = part.replace("~1", "/").replace("~0", "~");
      parts.add(decoded.matches("\\d+") ? (Object) Integer.parseInt(decoded) : decoded);
    }
    return parts;
  }
}
