package io.botfactory.telegram;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The double's HTTP side: {@code /bot{token}/{method}} by GET or POST, parameters from the query
 * string, a JSON body or a form; each call recorded, then an injected fault or the real answer.
 * Answers are written on the request's own context, whichever thread decides them.
 */
final class DoubleHttp implements Handler<HttpServerRequest> {

  private static final Pattern PATH = Pattern.compile("/bot([^/]*)/([^/]+)");

  private final Vertx vertx;
  private final DoubleState state;
  private final DoubleMethods methods;
  private final DoubleControl control;

  DoubleHttp(Vertx vertx, DoubleState state, DoubleMethods methods, DoubleControl control) {
    this.vertx = vertx;
    this.state = state;
    this.methods = methods;
    this.control = control;
  }

  @Override
  public void handle(HttpServerRequest req) {
    if (req.path().startsWith("/_double/")) {
      control.handle(req);
      return;
    }
    Matcher m = PATH.matcher(req.path());
    if (!m.matches()) {
      write(req, null, DoubleAnswer.notFound());
      return;
    }
    String token = m.group(1);
    String sent = m.group(2);
    Context context = vertx.getOrCreateContext();
    params(req).onComplete(ar -> {
      JsonObject params = ar.succeeded() ? ar.result() : new JsonObject();
      DoubleCall call = state.record(DoubleMethods.canonical(sent), DoubleState.botId(token), token, params);
      Consumer<DoubleAnswer> respond = answer -> context.runOnContext(v -> write(req, call, answer));
      if (ar.failed()) {
        respond.accept(DoubleAnswer.badRequest("can't parse JSON object"));
        return;
      }
      String lower = sent.toLowerCase(Locale.ROOT);
      DoubleFault fault = state.fault(lower, call.botId(), params.getValue("chat_id"));
      if (fault == null) {
        serve(token, lower, params, call, respond);
      } else if (fault.type == DoubleFault.Type.ANSWER) {
        respond.accept(fault.answer);
      } else if (fault.type == DoubleFault.Type.SLOW) {
        vertx.setTimer(fault.delayMs, id -> serve(token, lower, params, call, respond));
      } else if (fault.type == DoubleFault.Type.CLOSE) {
        req.connection().close();
      } else if (fault.type == DoubleFault.Type.STREAM) {
        context.runOnContext(v -> DoubleStream.write(vertx, req.response(), fault));
      }
      // HANG: nothing, ever.
    });
  }

  private void serve(String token, String lower, JsonObject params, DoubleCall call, Consumer<DoubleAnswer> respond) {
    DoubleAnswer answer;
    synchronized (state) {
      DoubleAnswer[] refusal = new DoubleAnswer[1];
      DoubleBot bot = state.resolve(token, refusal);
      answer = bot == null ? refusal[0] : methods.answer(bot, lower, params, call, respond);
    }
    if (answer != null) {
      respond.accept(answer);
    }
  }

  /** Query parameters, then the body's (JSON, or a form) over them. Fails on a body that is not JSON. */
  private static Future<JsonObject> params(HttpServerRequest req) {
    JsonObject params = new JsonObject();
    req.params().forEach(e -> params.put(e.getKey(), e.getValue()));
    String type = req.getHeader("Content-Type") == null ? "" : req.getHeader("Content-Type").toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
      req.setExpectMultipart(true);
      return req.end().map(v -> {
        req.formAttributes().forEach(e -> params.put(e.getKey(), e.getValue()));
        return params;
      });
    }
    return req.body().map(body -> body.length() == 0 ? params : params.mergeIn(new JsonObject(body)));
  }

  private void write(HttpServerRequest req, DoubleCall call, DoubleAnswer answer) {
    HttpServerResponse response = req.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (call != null) {
      state.answered(call, answer);
    }
    response.setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType())
      .putHeader("Server", "nginx/1.18.0");
    if (answer.location() != null) {
      response.putHeader("Location", answer.location());
    }
    response.end(answer.body());
  }
}
