package io.botfactory.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.botfactory.bus.Address;
import io.botfactory.bus.Addresses;
import io.botfactory.bus.ApiKeyListeners;
import io.botfactory.bus.ApiKeyOwner;
import io.botfactory.bus.ApiKeyRevoked;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * What one HTTP verticle instance knows of API keys, by hash, so that a key in use costs the
 * auth service a lookup a minute rather than one per request: the owners of keys it was told
 * of, and apart from them (so that a flood of made-up keys cannot push them out) the hashes the
 * service did not know; both bounded, both for {@link #TTL}. Lookups of one hash at one moment
 * share one question. The auth service tells every instance of a revocation before it answers
 * the revocation ({@link ApiKeyListeners}), and this one drops the key before it confirms; an
 * answer to a question asked before a revocation arrived is not kept, since it may be the
 * revoked key's. Used on the verticle's event loop only.
 */
final class ApiKeyCache {

  /** How long an answer stands; also the most a node cut off from the bus could keep a revoked key. */
  static final Duration TTL = Duration.ofSeconds(60);
  static final int MAX_ENTRIES = 10_000;

  private final Cache<String, ApiKeyOwner> known = cache();
  private final Cache<String, Boolean> unknown = cache();
  private final Map<String, Future<ApiKeyOwner>> asking = new HashMap<>();
  private final String listenerId = UUID.randomUUID().toString();
  private long revocations;

  private static <V> Cache<String, V> cache() {
    return Caffeine.newBuilder()
      .maximumSize(MAX_ENTRIES)
      .expireAfterWrite(TTL)
      .executor(Runnable::run) // eviction on the caller's thread: no pool of Caffeine's own
      .build();
  }

  /** Listens for revocations; completes once every auth service of the cluster will tell this instance of them. */
  Future<Void> listen(Vertx vertx) {
    Address<ApiKeyRevoked> revocations = Addresses.AUTH_APIKEYS_REVOKED.at(listenerId);
    return vertx.eventBus().<JsonObject>consumer(revocations.name(), m -> {
      ApiKeyRevoked revocation = revocations.receive(m);
      if (revocation != null) {
        revoked(revocation);
        m.reply(new JsonObject());
      }
    }).completion().compose(v -> ApiKeyListeners.add(vertx, listenerId));
  }

  /** Stops listening: revocations no longer wait for this instance. */
  Future<Void> close(Vertx vertx) {
    return ApiKeyListeners.remove(vertx, listenerId);
  }

  /**
   * The owner of the key with this hash, or null when the service knows no such key; asks
   * {@code lookup} (which answers the same) only when this instance does not know already. Fails
   * only when the service could not answer.
   */
  Future<ApiKeyOwner> owner(String hash, Function<String, Future<ApiKeyOwner>> lookup) {
    ApiKeyOwner owner = known.getIfPresent(hash);
    if (owner != null) {
      return Future.succeededFuture(owner);
    }
    if (unknown.getIfPresent(hash) != null) {
      return Future.succeededFuture(null);
    }
    Future<ApiKeyOwner> pending = asking.get(hash);
    if (pending != null) {
      return pending;
    }
    long asked = revocations;
    Promise<ApiKeyOwner> answer = Promise.promise();
    asking.put(hash, answer.future());
    lookup.apply(hash).onComplete(ar -> {
      asking.remove(hash);
      if (ar.succeeded()) {
        remember(hash, ar.result(), asked);
      }
      answer.handle(ar);
    });
    return answer.future();
  }

  private void remember(String hash, ApiKeyOwner owner, long asked) {
    if (owner == null) {
      unknown.put(hash, Boolean.TRUE);
    } else if (asked == revocations) {
      known.put(hash, owner);
    }
  }

  private void revoked(ApiKeyRevoked revocation) {
    revocations++;
    known.asMap().values().removeIf(owner -> owner.keyId().equals(revocation.keyId()));
  }
}
