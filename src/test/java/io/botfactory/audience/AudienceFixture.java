package io.botfactory.audience;

import io.botfactory.support.Api;
import io.botfactory.support.Sql;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot of a fresh account, and its subscribers written straight into the table, as the update
 * engine would have written them (AudienceRecordTest proves the engine does), when a test needs
 * many, or exact names, times and statuses.
 */
final class AudienceFixture {

  /** Far enough in the past that subscribers written by SQL sort before any the engine writes now. */
  static final OffsetDateTime EPOCH = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  final Api api;
  final Api.Account owner;
  final String botId;

  AudienceFixture(Api api) {
    this.api = api;
    this.owner = api.newAccount();
    this.botId = api.createBot(owner, "audience").getString("id");
  }

  String token() {
    return owner.token();
  }

  String path(String rest) {
    return "/bots/" + botId + rest;
  }

  /** One subscriber, first seen {@code minute} minutes after {@link #EPOCH}. */
  void subscriber(Sql sql, long chatId, String firstName, String source, String[] tags, String status, int minute) {
    OffsetDateTime seen = EPOCH.plusMinutes(minute);
    sql.query("INSERT INTO subscribers (bot_id, chat_id, first_name, username, language_code, source, tags, status, "
        + "first_seen_at, last_seen_at, status_changed_at) VALUES ($1, $2, $3, $4, 'en', $5, $6, $7, $8, $8, $8)",
      UUID.fromString(botId), chatId, firstName, firstName == null ? null : "u" + chatId, source, tags, status, seen);
  }

  void subscriber(Sql sql, long chatId, String... tags) {
    subscriber(sql, chatId, "Ada", null, tags, "active", (int) (chatId % 100_000));
  }

  /**
   * A broadcast scheduled far ahead (so that the update engine leaves it alone), created through
   * the API; its id.
   */
  String scheduled(String text) {
    HttpResponse<Buffer> r = api.post(path("/broadcasts"),
      new JsonObject().put("text", text).put("send_at", "2100-01-01T00:00:00.000Z"), token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("id");
  }

  /**
   * The broadcast as the engine leaves it once started: {@code running}, its recipients fixed
   * ({@code pending} each) and counted; with a 429's wait of a day, so that the engine (which honours
   * {@code paused_until}) sends nothing of it while the test steers it.
   */
  void running(Sql sql, String broadcastId, long... recipients) {
    UUID id = UUID.fromString(broadcastId);
    sql.query("UPDATE broadcasts SET status = 'running', started_at = now(), recipients = $2, pending = $2, "
      + "paused_until = now() + interval '1 day' WHERE id = $1", id, recipients.length);
    sql.query("INSERT INTO broadcast_recipients (broadcast_id, chat_id) SELECT $1, unnest($2::bigint[])", id,
      Arrays.stream(recipients).boxed().toArray(Long[]::new));
  }

  /**
   * {@code n} active subscribers, chat ids {@code first}, {@code first + 1}, ..., each first seen a
   * second after the one before, named {@code name} and tagged {@code tags}.
   */
  void subscribers(Sql sql, long first, int n, String name, String[] tags) {
    sql.query("INSERT INTO subscribers (bot_id, chat_id, first_name, source, tags, status, first_seen_at, last_seen_at, "
        + "status_changed_at) SELECT $1, $2 + g, $4, NULL, $5, 'active', $6 + g * interval '1 second', $6, $6 "
        + "FROM generate_series(0, $3 - 1) AS g",
      UUID.fromString(botId), first, n, name, tags, EPOCH);
  }
}
