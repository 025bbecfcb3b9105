package io.botfactory.webhook;

import io.botfactory.telegram.TelegramClient;
import io.botfactory.telegram.TelegramOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings Telegram to one claimed row's state, then records what came of it. An active bot: its
 * token checked if it never was (getMe), its webhook set (or, polling, removed), its menu
 * published if it has commands. An inactive bot: its webhook removed. A tombstone: its webhook
 * removed with the deleted bot's last token, then the token erased. The first call that does
 * not succeed ends the run: a rejected token stops all retries until the token changes, a 429
 * waits what Telegram asked, anything else is retried with back-off.
 */
final class WebhookSync {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSync.class);
  private static final String REJECTED = "Telegram rejected the token: set a new token from @BotFather for this bot";

  private final TelegramClient telegram;
  private final WebhookTarget target;
  private final WebhookStore store;
  private final boolean verify;
  private final long retryMaxSeconds;

  WebhookSync(TelegramClient telegram, WebhookTarget target, WebhookStore store, boolean verify, long retryMaxSeconds) {
    this.telegram = telegram;
    this.target = target;
    this.store = store;
    this.verify = verify;
    this.retryMaxSeconds = retryMaxSeconds;
  }

  /** Completes once the outcome is recorded (or could not be: the row's lease then runs out). */
  Future<Void> run(WebhookJob job) {
    Future<Void> work = job.kind() == WebhookJob.Kind.DELETED ? removeTombstone(job) : bringBot(job);
    return work.onFailure(e -> LOG.warn("Webhook state of bot {} not recorded: {}", job.botId(), e.toString()));
  }

  private Future<Void> removeTombstone(WebhookJob job) {
    if (job.token() == null) {
      return store.erase(job);
    }
    return telegram.call(job.token(), "deleteWebhook", WebhookTarget.KEEP_PENDING).compose(outcome ->
      outcome.isOk() || outcome.kind() == TelegramOutcome.Kind.TOKEN_REJECTED ? store.erase(job) : failed(job, outcome));
  }

  private Future<Void> bringBot(WebhookJob job) {
    if (job.token() == null) {
      return store.failed(job, "the bot's token cannot be decrypted with the configured keys", Backoff.seconds(job.attempts(), retryMaxSeconds),
        false);
    }
    return check(job)
      .compose(ok -> ok ? webhook(job) : Future.succeededFuture(false))
      .compose(ok -> ok ? menu(job) : Future.succeededFuture(false))
      .compose(ok -> ok ? store.done(job, job.kind() == WebhookJob.Kind.ACTIVE ? target.activeStatus() : null,
        target.fingerprint()) : Future.succeededFuture());
  }

  /**
   * A token never proven (registered with checking off, or by an earlier version) is checked first;
   * true to go on. Rejected, or another bot's, the bot gives its Telegram bot id up.
   */
  private Future<Boolean> check(WebhookJob job) {
    if (!verify || job.tokenChecked() || job.kind() != WebhookJob.Kind.ACTIVE) {
      return Future.succeededFuture(true);
    }
    return telegram.call(job.token(), "getMe", new JsonObject()).compose(me -> {
      if (me.kind() == TelegramOutcome.Kind.TOKEN_REJECTED) {
        return store.gaveUp(job, REJECTED).map(false);
      }
      if (!me.isOk()) {
        return failed(job, me).map(false);
      }
      JsonObject user = ((TelegramOutcome.Ok) me).object();
      if (user == null || user.getLong("id", -1L) != job.telegramBotId()) {
        return store.gaveUp(job, "Telegram says this token belongs to another bot: set this bot's own token").map(false);
      }
      return store.checked(job, user.getString("username")).map(true);
    });
  }

  private Future<Boolean> webhook(WebhookJob job) {
    if (job.kind() == WebhookJob.Kind.ACTIVE && target.webhooks()) {
      return step(job, "setWebhook", target.setWebhook(job.botId()), ok -> Future.succeededFuture(true));
    }
    return step(job, "deleteWebhook", WebhookTarget.KEEP_PENDING, ok -> Future.succeededFuture(true));
  }

  /** The menu of an active bot that has a command set (an empty set clears it). */
  private Future<Boolean> menu(WebhookJob job) {
    JsonArray commands = job.commands();
    if (job.kind() != WebhookJob.Kind.ACTIVE || commands == null) {
      return Future.succeededFuture(true);
    }
    if (commands.isEmpty()) {
      return step(job, "deleteMyCommands", new JsonObject(), ok -> Future.succeededFuture(true));
    }
    JsonArray menu = new JsonArray();
    commands.forEach(c -> menu.add(new JsonObject().put("command", ((JsonObject) c).getString("command"))
      .put("description", ((JsonObject) c).getString("description"))));
    return step(job, "setMyCommands", new JsonObject().put("commands", menu), ok -> Future.succeededFuture(true));
  }

  /** One call: on success, {@code next}; otherwise the failure is recorded and the run ends (false). */
  private Future<Boolean> step(WebhookJob job, String method, JsonObject params,
                               java.util.function.Function<TelegramOutcome, Future<Boolean>> next) {
    return telegram.call(job.token(), method, params)
      .compose(outcome -> outcome.isOk() ? next.apply(outcome) : failed(job, outcome).map(false));
  }

  private Future<Void> failed(WebhookJob job, TelegramOutcome outcome) {
    LOG.debug("Bot {}: {}", job.botId(), outcome.describe());
    switch (outcome.kind()) {
      case TOKEN_REJECTED:
        return store.rejected(job, REJECTED);
      case RETRY_AFTER:
        int wait = ((TelegramOutcome.RetryAfter) outcome).seconds();
        return store.failed(job, outcome.describe(), Math.max(1, wait), true);
      default:
        return store.failed(job, outcome.describe(), Backoff.seconds(job.attempts(), retryMaxSeconds), false);
    }
  }
}
