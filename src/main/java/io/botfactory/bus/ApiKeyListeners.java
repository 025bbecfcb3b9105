package io.botfactory.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.shareddata.AsyncMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Who must hear of a revoked API key before its revocation is answered: every HTTP verticle
 * instance of the cluster, each listening on {@code auth.apikeys.revoked.<its id>} and known by
 * that id in a cluster-wide map of Vert.x's shared data. A revocation is sent to each and waits
 * for each answer, so that once {@code DELETE} has answered, no node lets the key in from its
 * cache: a message published to all could still be on its way to a node when the client's next
 * request reached it (seen in ApiKeyRevocationTest on a busy machine).
 *
 * <p>A listener that is gone (its node stopped or died) answers "no handlers" and is forgotten;
 * one that does not answer within the wait (a node cut off) is logged and left behind, and forgets
 * the key by itself when its cache's answer expires.
 */
public final class ApiKeyListeners {

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyListeners.class);
  private static final String MAP = "botfactory.apikey-listeners";

  private ApiKeyListeners() {
  }

  private static Future<AsyncMap<String, Long>> map(Vertx vertx) {
    return vertx.sharedData().getAsyncMap(MAP);
  }

  /** Adds a listener, once it listens at {@code Addresses.AUTH_APIKEYS_REVOKED.at(id)}. */
  public static Future<Void> add(Vertx vertx, String id) {
    return map(vertx).compose(listeners -> listeners.put(id, System.currentTimeMillis()));
  }

  public static Future<Void> remove(Vertx vertx, String id) {
    return map(vertx).compose(listeners -> listeners.remove(id)).mapEmpty();
  }

  /**
   * Tells every listener; completes once each has answered or is found gone, or once
   * {@code waitMs} have passed (the cluster's map not answering included): the revocation has
   * committed whatever comes of this, and a listener not told forgets the key within its cache's
   * time.
   */
  public static Future<Void> tell(Vertx vertx, ApiKeyRevoked revocation, long waitMs) {
    return ask(vertx, revocation, waitMs).timeout(waitMs, TimeUnit.MILLISECONDS).recover(failure -> {
      LOG.warn("API key listeners not all told of a revocation within {} ms: {}", waitMs, failure.toString());
      return Future.succeededFuture();
    });
  }

  private static Future<Void> ask(Vertx vertx, ApiKeyRevoked revocation, long waitMs) {
    return map(vertx).compose(listeners -> listeners.keys().compose(ids -> {
      DeliveryOptions options = new DeliveryOptions().setSendTimeout(waitMs);
      List<Future<Void>> told = new ArrayList<>();
      for (String id : ids) {
        told.add(vertx.eventBus().request(Addresses.AUTH_APIKEYS_REVOKED.at(id).name(), revocation.toJson(), options)
          .<Void>mapEmpty()
          .recover(failure -> unanswered(listeners, id, failure)));
      }
      return Future.join(told).mapEmpty();
    }));
  }

  private static Future<Void> unanswered(AsyncMap<String, Long> listeners, String id, Throwable failure) {
    if (failure instanceof ReplyException && ((ReplyException) failure).failureType() == ReplyFailure.NO_HANDLERS) {
      return listeners.remove(id).mapEmpty();
    }
    LOG.warn("API key listener {} did not confirm a revocation: {}; it forgets the key when its cached answer expires", id,
      failure.toString());
    return Future.succeededFuture();
  }
}
