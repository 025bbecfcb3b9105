package io.botfactory.audience;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Locs;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /bots/{id}/subscribers.csv}: every match as RFC 4180 CSV, safe to open in a
 * spreadsheet, streamed page by page at the pace the reader takes it.
 */
@ExtendWith(VertxExtension.class)
class SubscribersCsvTest {

  /** The rows of a page the HTTP layer asks the service for (CsvDownload.PAGE). */
  private static final int PAGE = 1000;
  private static final String HEADER = "chat_id,first_name,username,language_code,source,tags,status,first_seen_at,last_seen_at";

  private Api api;
  private AudienceFixture bot;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    bot = new AudienceFixture(api);
  }

  @Test
  void cellsAreQuotedAsRfc4180AndNoneStartsAFormula(Vertx vertx) throws IOException {
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 11, "Smith, \"Jr\"", "-src", new String[]{"-neg", "b"}, "active", 1);
      bot.subscriber(sql, 12, "=HYPERLINK(\"http://x\")", null, new String[]{}, "blocked", 2);
      bot.subscriber(sql, 13, "two\nlines", "plain", new String[]{"a"}, "unsubscribed", 3);
      bot.subscriber(sql, 14, "+1", null, new String[]{}, "active", 4);
      bot.subscriber(sql, 15, "@home", null, new String[]{}, "active", 5);
      bot.subscriber(sql, 16, null, null, new String[]{}, "active", 6);
    }
    HttpResponse<Buffer> r = api.get(bot.path("/subscribers.csv"), bot.token());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("text/csv; charset=utf-8");
    assertThat(r.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"subscribers-" + bot.botId + ".csv\"");
    String text = r.bodyAsString();
    assertThat(text).startsWith(HEADER + "\r\n");
    assertThat(text).contains("11,\"Smith, \"\"Jr\"\"\",u11,en,'-src,'-neg;b,active,2026-01-01T00:01:00.000Z,");
    List<CSVRecord> rows = parse(text);
    assertThat(rows).hasSize(7);
    assertThat(rows.get(2).toList()).containsExactly("12", "'=HYPERLINK(\"http://x\")", "u12", "en", "", "", "blocked",
      "2026-01-01T00:02:00.000Z", "2026-01-01T00:02:00.000Z");
    assertThat(rows.get(3).get(1)).isEqualTo("two\nlines");
    assertThat(rows.get(4).get(1)).isEqualTo("'+1");
    assertThat(rows.get(5).get(1)).isEqualTo("'@home");
    assertThat(rows.get(6).get(1)).isEmpty();
  }

  @Test
  void theFiltersOfTheListApplyAndAreValidated(Vertx vertx) throws IOException {
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 21, "A", "promo", new String[]{"vip"}, "active", 1);
      bot.subscriber(sql, 22, "B", "promo", new String[]{}, "blocked", 2);
      bot.subscriber(sql, 23, "C", null, new String[]{"vip"}, "active", 3);
    }
    List<CSVRecord> rows = parse(api.get(bot.path("/subscribers.csv?source=promo&status=active"), bot.token()).bodyAsString());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).get(0)).isEqualTo("21");
    assertThat(parse(api.get(bot.path("/subscribers.csv?tag=nobody"), bot.token()).bodyAsString()))
      .as("the header alone").hasSize(1);
    HttpResponse<Buffer> bad = api.get(bot.path("/subscribers.csv?status=everyone"), bot.token());
    assertThat(Locs.of(bad)).containsExactly("query.status");
  }

  /**
   * 100,000 subscribers of some 700 bytes each (70 MB of CSV): the file holds every one, in
   * order, fetched as 100 pages; and while the reader takes nothing, the pages stop being asked
   * for long before the end: what is in memory is bounded by the socket, not by the export.
   */
  @Test
  void aHundredThousandSubscribersStreamCompletelyAtTheReadersPace(Vertx vertx) throws Exception {
    int n = 100_000;
    String tag = "t".repeat(31);
    String[] tags = new String[20];
    for (int i = 0; i < tags.length; i++) {
      tags[i] = tag + (char) ('a' + i);
    }
    try (Sql sql = new Sql(vertx)) {
      bot.subscribers(sql, 1_000_000, n, "Ada", tags);
    }
    HttpClient client = vertx.createHttpClient();
    try (BusRequests pages = new BusRequests(TestStack.shared().vertx, "audience.subscribers.csv", bot.botId)) {
      HttpClientResponse response = client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
          .setPort(api.port()).setURI(bot.path("/subscribers.csv")).putHeader("Authorization", "Bearer " + bot.token()))
        .compose(request -> request.send().map(r -> r.pause()))
        .await();
      assertThat(response.statusCode()).isEqualTo(200);
      int whilePaused = Eventually.await(() -> settled(pages), c -> c > 0, Duration.ofSeconds(30), "the pages stop");
      assertThat(whilePaused).as("pages asked for while the reader takes nothing").isLessThan(n / PAGE / 2);

      Lines lines = new Lines(1_000_000);
      response.handler(lines::take);
      CompletableFuture<Void> ended = new CompletableFuture<>();
      response.endHandler(v -> ended.complete(null));
      response.exceptionHandler(ended::completeExceptionally);
      response.resume();
      ended.get(120, TimeUnit.SECONDS);
      assertThat(lines.rows()).isEqualTo(n);
      assertThat(lines.header()).isEqualTo(HEADER);
      assertThat(pages.count()).isEqualTo(n / PAGE);
    } finally {
      client.close().await();
    }
  }

  /** The count once it has stayed the same for a second (the export waits for the reader), else -1. */
  private static int settled(BusRequests pages) {
    int before = pages.count();
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return pages.count() == before ? before : -1;
  }

  private static List<CSVRecord> parse(String text) throws IOException {
    try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
      return parser.getRecords();
    }
  }

  /** Reads the file as it comes, keeping only the line being read: each row's chat id must be the next one. */
  private static final class Lines {
    private final StringBuilder partial = new StringBuilder();
    private final AtomicLong next;
    private String header;
    private long rows;

    Lines(long first) {
      this.next = new AtomicLong(first);
    }

    void take(Buffer chunk) {
      partial.append(chunk.toString());
      int end;
      while ((end = partial.indexOf("\r\n")) >= 0) {
        String line = partial.substring(0, end);
        partial.delete(0, end + 2);
        if (header == null) {
          header = line;
        } else {
          assertThat(line.substring(0, line.indexOf(','))).isEqualTo(String.valueOf(next.getAndIncrement()));
          rows++;
        }
      }
    }

    String header() {
      return header;
    }

    long rows() {
      assertThat(partial).isEmpty();
      return rows;
    }
  }
}
