package io.botfactory.webhook;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** Runs {@link WebhookSql} for one worker, identified by its lease owner name. */
final class WebhookStore {

  private final Pool pool;
  private final String owner;
  private final int leaseSeconds;
  private final WebhookJob.Tokens tokens;

  WebhookStore(Pool pool, String owner, int leaseSeconds, WebhookJob.Tokens tokens) {
    this.pool = pool;
    this.owner = owner;
    this.leaseSeconds = leaseSeconds;
    this.tokens = tokens;
  }

  /** Claims up to {@code limit} due rows for this worker. */
  Future<List<WebhookJob>> claim(int limit) {
    return pool.preparedQuery(WebhookSql.CLAIM).execute(Tuple.of(owner, leaseSeconds, limit)).map(rows -> {
      List<WebhookJob> jobs = new ArrayList<>(rows.size());
      for (Row row : rows) {
        jobs.add(WebhookJob.from(row, tokens));
      }
      return jobs;
    });
  }

  /** {@code status}: what the bot now shows (active, polling), or null to keep it. */
  Future<Void> done(WebhookJob job, String status, String fingerprint) {
    return run(WebhookSql.DONE, Tuple.of(job.telegramBotId(), owner, job.generation(), status, fingerprint));
  }

  Future<Void> rejected(WebhookJob job, String why) {
    return run(WebhookSql.REJECTED, Tuple.of(job.telegramBotId(), owner, job.generation(), why));
  }

  /** Telegram rejected the token of a bot that never proved it: rejected, and its Telegram bot id given up. */
  Future<Void> gaveUp(WebhookJob job, String why) {
    return run(WebhookSql.GAVE_UP, Tuple.of(job.telegramBotId(), owner, job.generation(), why, job.botId(),
      Buffer.buffer(job.tokenCiphertext())));
  }

  /** {@code asked}: Telegram asked for this wait (429), which holds whatever changed meanwhile. */
  Future<Void> failed(WebhookJob job, String why, long waitSeconds, boolean asked) {
    return run(WebhookSql.FAILED, Tuple.of(job.telegramBotId(), owner, job.generation(), why, waitSeconds, asked));
  }

  /** Erases a tombstone whose webhook is gone; hands the row back if a new registration took it over. */
  Future<Void> erase(WebhookJob job) {
    return pool.preparedQuery(WebhookSql.ERASE).execute(Tuple.of(job.telegramBotId(), owner, job.generation()))
      .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture() : release(job));
  }

  Future<Void> release(WebhookJob job) {
    return run(WebhookSql.RELEASE, Tuple.of(job.telegramBotId(), owner));
  }

  Future<Void> releaseAll() {
    return run(WebhookSql.RELEASE_ALL, Tuple.of(owner));
  }

  /** Telegram confirmed the token (and gave the username) of a bot registered unchecked. */
  Future<Void> checked(WebhookJob job, String username) {
    return run(WebhookSql.CHECKED, Tuple.of(job.botId(), Buffer.buffer(job.tokenCiphertext()), username));
  }

  /** Rows confirmed under another configuration are due again; how many. */
  Future<Integer> reconfigured(String fingerprint) {
    return pool.preparedQuery(WebhookSql.RECONFIGURED).execute(Tuple.of(fingerprint)).map(rows -> rows.rowCount());
  }

  private Future<Void> run(String sql, Tuple params) {
    return pool.preparedQuery(sql).execute(params).mapEmpty();
  }
}
