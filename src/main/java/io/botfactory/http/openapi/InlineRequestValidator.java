package io.botfactory.http.openapi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.analyser.ContentAnalyser;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * vertx-openapi's request validator, made cheap enough for every request; the checks are the
 * library's own, on the same contract. Two costs of vertx-openapi 5.0.7 measured too high:
 * <ul>
 *   <li>{@code validate} hands every request to a worker thread and back, for microseconds of
 *   work on BotFactory's small schemas and bodies (64 KiB at most): here it runs on the event
 *   loop (about a tenth of the service's CPU on GET /bots/me, and a better p99);</li>
 *   <li>each parameter and body is checked by a JSON Schema validator built anew for the call,
 *   copying the schema repository's lookup table: here one validator per schema is built once
 *   and kept (a sixth of the service's CPU on POST /bots).</li>
 * </ul>
 */
final class InlineRequestValidator extends RequestValidatorImpl {

  private final OpenAPIContract contract;
  private final Map<JsonSchema, Validator> validators = new ConcurrentHashMap<>();
  private final Map<Style, ParameterTransformer> transformers = Map.of(
    Style.SIMPLE, new SimpleTransformer(),
    Style.LABEL, new LabelTransformer(),
    Style.MATRIX, new MatrixTransformer(),
    Style.FORM, new FormTransformer());

  InlineRequestValidator(Vertx vertx, OpenAPIContract contract) {
    super(vertx, contract);
    this.contract = contract;
  }

  @Override
  public Future<ValidatedRequest> validate(ValidatableRequest request, String operationId) {
    Operation operation = contract.operation(operationId);
    if (operation == null) {
      return Future.failedFuture(ValidatorException.createOperationIdInvalid(operationId));
    }
    try {
      return Future.succeededFuture(validateNow(request, operation));
    } catch (ValidatorException e) {
      return Future.failedFuture(e);
    }
  }

  /** The library's {@code validateParameter}, with a kept validator. */
  @Override
  public RequestParameter validateParameter(Parameter parameter, RequestParameter value) {
    if (value == null || value.isNull()) {
      if (parameter.isRequired()) {
        throw ValidatorException.createMissingRequiredParameter(parameter);
      }
      return new RequestParameterImpl(null);
    }
    ParameterTransformer transformer = transformers.get(parameter.getStyle());
    if (transformer == null) {
      throw ValidatorException.createUnsupportedValueFormat(parameter);
    }
    Object transformed = transformer.transform(parameter, String.valueOf(value.get()));
    OutputUnit result = validator(parameter.getSchema()).validate(transformed);
    try {
      result.checkValidity();
      return new RequestParameterImpl(transformed);
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createErrorFromOutputUnitType(parameter, result, e);
    }
  }

  /** The library's body check ({@code BaseValidator.validate}), with a kept validator. */
  @Override
  protected RequestParameterImpl validate(MediaType mediaType, String contentType, Buffer rawContent,
                                          ValidationContext requestOrResponse) {
    ContentAnalyser analyser = mediaType == null ? null
      : ContentAnalyser.getContentAnalyser(mediaType, contentType, rawContent, requestOrResponse);
    if (analyser == null) {
      throw new ValidatorException("The format of the " + requestOrResponse + " body is not supported",
        ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT);
    }
    analyser.checkSyntacticalCorrectness();
    if (!isSchemaValidationRequired(mediaType)) {
      return new RequestParameterImpl(rawContent);
    }
    Object transformed = analyser.transform();
    OutputUnit result = validator(mediaType.getSchema()).validate(transformed);
    try {
      result.checkValidity();
      return new RequestParameterImpl(transformed);
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createInvalidValueBody(result, requestOrResponse, e);
    }
  }

  private Validator validator(JsonSchema schema) {
    return validators.computeIfAbsent(schema, contract.getSchemaRepository()::validator);
  }

  private ValidatedRequest validateNow(ValidatableRequest request, Operation operation) {
    Map<String, RequestParameter> cookies = new HashMap<>();
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter param : operation.getParameters()) {
      switch (param.getIn()) {
        case COOKIE:
          cookies.put(param.getName(), validateParameter(param, request.getCookies().get(param.getName())));
          break;
        case HEADER:
          headers.put(param.getName(), validateParameter(param, request.getHeaders().get(param.getName())));
          break;
        case PATH:
          path.put(param.getName(), validateParameter(param, request.getPathParameters().get(param.getName())));
          break;
        case QUERY:
          query.put(param.getName(), validateParameter(param, request.getQuery().get(param.getName())));
          break;
        default:
          break;
      }
    }
    RequestParameter body = validateBody(operation.getRequestBody(), request);
    return new ValidatedRequestImpl(cookies, headers, path, query, body);
  }
}
