package io.botfactory.audience;

import io.botfactory.support.Api;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /bots/{id}/broadcasts/{bid}/recipients.csv}: every recipient and its outcome, by chat id, streamed in pages. */
@ExtendWith(VertxExtension.class)
class RecipientsCsvTest {

  private Api api;
  private AudienceFixture bot;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    bot = new AudienceFixture(api);
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 1, "vip");
    }
  }

  @Test
  void everyRecipientWithItsOutcomeQuotedAndGuarded(Vertx vertx) throws IOException {
    String id = bot.scheduled("hello");
    long[] chats = new long[2500];
    for (int i = 0; i < chats.length; i++) {
      chats[i] = 10_000 + i;
    }
    try (Sql sql = new Sql(vertx); BusRequests pages = new BusRequests(TestStack.shared().vertx,
      "audience.broadcasts.recipients.csv", bot.botId)) {
      bot.running(sql, id, chats);
      UUID broadcast = UUID.fromString(id);
      sql.query("UPDATE broadcast_recipients SET status = 'sent', sent_at = '2026-12-01T10:00:00.5Z' "
        + "WHERE broadcast_id = $1 AND chat_id = 10000", broadcast);
      sql.query("UPDATE broadcast_recipients SET status = 'failed', error = 'Bad Request: chat not found, \"really\"' "
        + "WHERE broadcast_id = $1 AND chat_id = 10001", broadcast);
      sql.query("UPDATE broadcast_recipients SET status = 'failed', error = '=cmd|calc' WHERE broadcast_id = $1 AND chat_id = 10002",
        broadcast);

      HttpResponse<Buffer> r = api.get(bot.path("/broadcasts/" + id + "/recipients.csv"), bot.token());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.getHeader("Content-Type")).isEqualTo("text/csv; charset=utf-8");
      assertThat(r.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"recipients-" + id + ".csv\"");
      String text = r.bodyAsString();
      assertThat(text).startsWith("chat_id,status,sent_at,error\r\n10000,sent,2026-12-01T10:00:00.500Z,\r\n"
        + "10001,failed,,\"Bad Request: chat not found, \"\"really\"\"\"\r\n10002,failed,,'=cmd|calc\r\n10003,pending,,\r\n");
      List<CSVRecord> rows;
      try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
        rows = parser.getRecords();
      }
      assertThat(rows).hasSize(2501);
      for (int i = 1; i < rows.size(); i++) {
        assertThat(rows.get(i).get(0)).isEqualTo(String.valueOf(chats[i - 1]));
      }
      assertThat(pages.count()).as("three pages of up to 1,000").isEqualTo(3);
    }
  }

  @Test
  void aBroadcastNotYetStartedHasTheHeaderAloneAndAnUnknownOneIsNotFound() {
    String id = bot.scheduled("later");
    HttpResponse<Buffer> r = api.get(bot.path("/broadcasts/" + id + "/recipients.csv"), bot.token());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).isEqualTo("chat_id,status,sent_at,error\r\n");
    for (String unknown : new String[]{UUID.randomUUID().toString(), "nope"}) {
      HttpResponse<Buffer> missing = api.get(bot.path("/broadcasts/" + unknown + "/recipients.csv"), bot.token());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.getHeader("Content-Type")).isEqualTo("application/json");
      assertThat(missing.bodyAsJsonObject().getString("detail")).isEqualTo("Broadcast not found");
    }
  }
}
