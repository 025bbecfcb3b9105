package io.botfactory.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;

import java.util.HashMap;
import java.util.Map;

/**
 * vertx-openapi's request validator, run on the event loop. The library's own
 * {@code validate} hands every request to a worker thread and back; for BotFactory's small
 * schemas and bodies (64 KiB at most) the validation takes microseconds, and the two thread
 * hand-offs cost more than it: measured on GET /bots/me, about a tenth of the service's CPU and
 * a worse p99. The checks themselves are the library's ({@code validateParameter},
 * {@code validateBody}), on the same contract.
 */
final class InlineRequestValidator extends RequestValidatorImpl {

  private final OpenAPIContract contract;

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
