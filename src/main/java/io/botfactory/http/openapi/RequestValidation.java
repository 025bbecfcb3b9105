package io.botfactory.http.openapi;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.InputTrustHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatorException;

/**
 * Validates the request of the operation the route belongs to, as RouterBuilder would: the
 * validated request goes on the context under RouterBuilder's key, a finding fails the context
 * with a 400 wrapping the {@link ValidatorException} (which {@link OpenApiRouter#validationErrors} turns into
 * the 422 list).
 */
final class RequestValidation implements InputTrustHandler {

  private final ValidatorInput requests;
  private final InlineRequestValidator validator;

  RequestValidation(ValidatorInput requests, InlineRequestValidator validator) {
    this.requests = requests;
    this.validator = validator;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Operation operation = ctx.currentRoute().getMetadata(RouterBuilder.KEY_META_DATA_OPERATION);
    requests.extractValidatableRequest(ctx, operation)
      .compose(request -> validator.validate(request, operation.getOperationId()))
      .onSuccess(validated -> {
        ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
        ctx.next();
      })
      .onFailure(e -> ctx.fail(e instanceof ValidatorException ? new HttpException(400, e.getMessage(), e) : e));
  }
}
