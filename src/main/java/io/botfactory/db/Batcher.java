package io.botfactory.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Many small writes as few statements, without waiting on a timer ("natural batching"): an
 * item submitted while fewer than {@code maxInFlight} statements run goes out at once, alone;
 * items submitted while they all run wait, and go out together, up to {@code maxBatch} in one
 * statement and {@code maxWeight} in all (the first always goes), as soon as one of them ends.
 * Idle, an item costs no added latency; busy, the items of one round trip share one statement
 * and one commit. Confined to one event loop (the
 * verticle's), like the rest of a verticle's state.
 *
 * @param <I> what is written
 * @param <O> what each item's writer learns; {@code flush} answers one per item, in order
 */
public final class Batcher<I, O> {

  private record Pending<I, O>(I item, Promise<O> promise) {
  }

  private final int maxBatch;
  private final int maxInFlight;
  private final long maxWeight;
  private final ToLongFunction<I> weight;
  private final Function<List<I>, Future<List<O>>> flush;
  private final ArrayDeque<Pending<I, O>> waiting = new ArrayDeque<>();
  private int inFlight;

  public Batcher(int maxBatch, int maxInFlight, Function<List<I>, Future<List<O>>> flush) {
    this(maxBatch, maxInFlight, Long.MAX_VALUE, item -> 0, flush);
  }

  /** Writes whose writers learn only that theirs is written: each completes once {@code flush}'s statement has. */
  public static <I> Batcher<I, Void> ofWrites(int maxBatch, int maxInFlight, Function<List<I>, Future<?>> flush) {
    return new Batcher<>(maxBatch, maxInFlight, batch -> flush.apply(batch).map(done -> Collections.nCopies(batch.size(), null)));
  }

  /** {@code weight}: what an item counts against {@code maxWeight} (e.g. its bytes). */
  public Batcher(int maxBatch, int maxInFlight, long maxWeight, ToLongFunction<I> weight,
                 Function<List<I>, Future<List<O>>> flush) {
    if (maxBatch < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("a batch and the statements in flight are at least one");
    }
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.maxWeight = maxWeight;
    this.weight = weight;
    this.flush = flush;
  }

  /** Completes with what the item's statement answered for it, or fails with the statement. */
  public Future<O> submit(I item) {
    Promise<O> promise = Promise.promise();
    waiting.add(new Pending<>(item, promise));
    if (inFlight < maxInFlight) {
      next();
    }
    return promise.future();
  }

  /** Items waiting for a statement (not counting those in flight). */
  public int waiting() {
    return waiting.size();
  }

  /** Statements running now. */
  public int inFlight() {
    return inFlight;
  }

  private void next() {
    if (waiting.isEmpty()) {
      return;
    }
    List<Pending<I, O>> batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
    long total = 0;
    while (batch.size() < maxBatch && !waiting.isEmpty()) {
      long next = weight.applyAsLong(waiting.peek().item());
      if (!batch.isEmpty() && total + next > maxWeight) {
        break;
      }
      total += next;
      batch.add(waiting.poll());
    }
    List<I> items = new ArrayList<>(batch.size());
    batch.forEach(p -> items.add(p.item()));
    inFlight++;
    Future<List<O>> statement;
    try {
      statement = flush.apply(items);
    } catch (RuntimeException e) {
      statement = Future.failedFuture(e);
    }
    statement.onComplete(ar -> {
      inFlight--;
      for (int i = 0; i < batch.size(); i++) {
        if (ar.failed()) {
          batch.get(i).promise().fail(ar.cause());
        } else if (i < ar.result().size()) {
          batch.get(i).promise().complete(ar.result().get(i));
        } else {
          batch.get(i).promise().fail(new IllegalStateException("the statement answered fewer rows than items"));
        }
      }
      next();
    });
  }
}
