package io.botfactory.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.regex.Pattern;

/**
 * Reads each request's body with the limit its route has: 64 KiB by the contract, 1 MiB for the
 * routes that take large bodies (a bot's command set, a bulk change of tags, and Telegram's
 * updates). Chosen by path before routing, as a body must be read before it is validated; a body over its limit is
 * 413, chunked or not, and not read further (one 1 MiB handler for every route would let any
 * request hold a megabyte). It is a {@link BodyHandler} so that Vert.x orders it as one, after
 * the platform handlers and before the gate; it is configured here, not through the setters.
 */
final class BodyLimits implements BodyHandler {

  /** The contract's body limit: more than 65,536 bytes is 413, chunked or not. */
  static final int DEFAULT = 64 * 1024;
  /** The limit of {@code PUT /bots/{id}/commands}, {@code POST /bots/{id}/subscribers/tags}, {@code POST /telegram/webhook/{id}}. */
  static final int LARGE = 1024 * 1024;

  private static final Pattern LARGE_BODIES =
    Pattern.compile("^/(bots/[^/]+/(commands|subscribers/tags)|telegram/webhook/[^/]+)/?$");
  private static final String LIMIT = "botfactory.bodyLimit";

  private final BodyHandler small = BodyHandler.create(false).setBodyLimit(DEFAULT);
  private final BodyHandler large = BodyHandler.create(false).setBodyLimit(LARGE);

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    boolean isLarge = path != null && LARGE_BODIES.matcher(path).matches();
    ctx.put(LIMIT, isLarge ? LARGE : DEFAULT);
    (isLarge ? large : small).handle(ctx);
  }

  @Override
  public BodyHandler setHandleFileUploads(boolean handleFileUploads) {
    throw configuredHere();
  }

  @Override
  public BodyHandler setBodyLimit(long bodyLimit) {
    throw configuredHere();
  }

  @Override
  public BodyHandler setUploadsDirectory(String uploadsDirectory) {
    throw configuredHere();
  }

  @Override
  public BodyHandler setMergeFormAttributes(boolean mergeFormAttributes) {
    throw configuredHere();
  }

  @Override
  public BodyHandler setDeleteUploadedFilesOnEnd(boolean deleteUploadedFilesOnEnd) {
    throw configuredHere();
  }

  @Override
  public BodyHandler setPreallocateBodyBuffer(boolean preallocateBodyBuffer) {
    throw configuredHere();
  }

  private static UnsupportedOperationException configuredHere() {
    return new UnsupportedOperationException("the body limits are fixed by the contract");
  }

  /** The limit the request's body was read with. */
  static int limit(RoutingContext ctx) {
    Integer limit = ctx.get(LIMIT);
    return limit == null ? DEFAULT : limit;
  }
}
