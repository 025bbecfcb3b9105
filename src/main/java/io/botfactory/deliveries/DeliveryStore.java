package io.botfactory.deliveries;

import io.botfactory.db.Batcher;
import io.botfactory.security.TokenCipher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery worker's claims and records (see {@link DeliverySql}). Attempts are recorded in
 * batches ({@link Batcher}): alone when the database is idle, together when it is busy.
 */
final class DeliveryStore {

  /** Five days of every delivery failing disables an endpoint. */
  static final long DISABLE_AFTER_MS = 5L * 24 * 3600 * 1000;
  /** Due rows looked at per claim, per delivery wanted: enough to find other endpoints' behind one endpoint's. */
  private static final int LOOK = 4;

  /** One attempt to record, with the wait before the next one (null: none left). */
  record Recorded(UUID delivery, Attempt attempt, Long retryMs) {
  }

  private final Pool pool;
  private final String owner;
  private final TokenCipher cipher;
  private final long leaseMs;
  private final Batcher<Recorded, Void> records;

  DeliveryStore(Pool pool, String owner, TokenCipher cipher, long leaseMs) {
    this.pool = pool;
    this.owner = owner;
    this.cipher = cipher;
    this.leaseMs = leaseMs;
    this.records = new Batcher<>(200, 2, this::flush);
  }

  /** Up to {@code limit} due deliveries, at most {@code perEndpoint} in flight per endpoint counting {@code busy}. */
  Future<List<Claimed>> claim(int limit, int perEndpoint, Map<UUID, Integer> busy) {
    UUID[] endpoints = busy.keySet().toArray(UUID[]::new);
    Integer[] counts = new Integer[endpoints.length];
    for (int i = 0; i < endpoints.length; i++) {
      counts[i] = busy.get(endpoints[i]);
    }
    Tuple params = Tuple.of(owner, limit, perEndpoint, limit * LOOK, endpoints, counts, leaseMs);
    return pool.preparedQuery(DeliverySql.CLAIM).execute(params).map(rows -> {
      List<Claimed> claimed = new ArrayList<>(rows.size());
      for (Row row : rows) {
        claimed.add(claimed(row));
      }
      return claimed;
    });
  }

  private Claimed claimed(Row row) {
    UUID endpoint = row.getUUID("endpoint_id");
    Buffer previous = row.getBuffer("previous_ciphertext");
    return new Claimed(row.getUUID("id"), row.getUUID("event_id"), endpoint, row.getInteger("attempts"),
      row.getOffsetDateTime("created_at"), Buffer.buffer(row.getString("body")), row.getString("url"),
      "enabled".equals(row.getString("status")), unseal(endpoint, row.getString("secret_key_id"),
        row.getBuffer("secret_ciphertext")), unseal(endpoint, row.getString("previous_key_id"), previous));
  }

  /** The secret, or null when there is none or it cannot be read (sealed with a key this node lacks). */
  private String unseal(UUID endpoint, String keyId, Buffer sealed) {
    if (sealed == null) {
      return null;
    }
    try {
      return cipher.decrypt(endpoint, keyId, sealed.getBytes());
    } catch (IllegalStateException e) {
      return null;
    }
  }

  Future<Void> record(Recorded recorded) {
    return records.submit(recorded);
  }

  private Future<List<Void>> flush(List<Recorded> batch) {
    int n = batch.size();
    UUID[] ids = new UUID[n];
    Boolean[] ok = new Boolean[n];
    Integer[] codes = new Integer[n];
    String[] errors = new String[n];
    Long[] retries = new Long[n];
    Boolean[] tried = new Boolean[n];
    for (int i = 0; i < n; i++) {
      Recorded r = batch.get(i);
      ids[i] = r.delivery();
      ok[i] = r.attempt().delivered();
      codes[i] = r.attempt().statusCode();
      errors[i] = r.attempt().error();
      retries[i] = r.retryMs();
      tried[i] = r.attempt().tried();
    }
    Tuple params = Tuple.of(owner, ids, ok, codes, errors, retries, tried, DISABLE_AFTER_MS);
    return pool.preparedQuery(DeliverySql.RECORD).execute(params).map(rows -> Collections.nCopies(n, null));
  }
}
