import io.vertx.core.buffer.Buffer;

import java.util.SplittableRandom;

/**
 * What Telegram delivers next: the i-th update goes to bot {@code i % bots}, chat
 * {@code (i / bots) % chats}, so consecutive updates go to different bots and a chat comes round
 * again only after every other chat of the fleet (100,000 by default): no chat ever has two
 * updates in flight, and the service's per-chat order and Telegram's send limits (1 message per
 * second per chat, 30 per bot) never hold a reply back below 100,000 updates/s. Each bot's
 * update_ids increase from {@code idBase} (new at every load, so they never repeat), each chat's
 * message ids too; a chat's k-th command is command {@code k % 4}.
 */
final class Traffic {

  /** An update to deliver: to which bot and chat, of which kind, with which command (-1: none). */
  record Update(int bot, int chatKey, Corpus.Kind kind, int command, long updateId, Buffer body) {
  }

  private final Fleet fleet;
  private final Corpus corpus;
  /** Every update of this kind (commands, or text messages); null: the ingress mix. */
  private final Corpus.Kind only;
  private final SplittableRandom random;
  private final long[] nextUpdateId;
  private final int[] nextMessageId;
  private final int[] commandsSent;
  private final Corpus.Chat[] chats;
  private long i;
  private final long[] kinds = new long[Corpus.Kind.values().length];
  private long bytes;
  private int minBytes = Integer.MAX_VALUE;
  private int maxBytes;

  Traffic(Fleet fleet, Corpus.Kind only, long idBase, long seed) {
    this.fleet = fleet;
    this.corpus = new Corpus(seed);
    this.only = only;
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int chatCount = fleet.size() * fleet.chatsPerBot;
    nextUpdateId = new long[fleet.size()];
    java.util.Arrays.fill(nextUpdateId, idBase);
    nextMessageId = new int[chatCount];
    java.util.Arrays.fill(nextMessageId, (int) (idBase / 1000 % 1_000_000) * 1000 + 100);
    commandsSent = new int[chatCount];
    chats = new Corpus.Chat[chatCount];
    for (int b = 0; b < fleet.size(); b++) {
      for (int c = 0; c < fleet.chatsPerBot; c++) {
        chats[b * fleet.chatsPerBot + c] = Corpus.Chat.of(b, c, fleet.chatsPerBot);
      }
    }
  }

  Update next() {
    int bot = (int) (i % fleet.size());
    int chat = (int) (i / fleet.size() % fleet.chatsPerBot);
    i++;
    int chatKey = bot * fleet.chatsPerBot + chat;
    Corpus.Kind kind = only != null ? only : mix();
    int command = kind == Corpus.Kind.COMMAND ? commandsSent[chatKey]++ % Fleet.COMMANDS.size() : -1;
    long updateId = nextUpdateId[bot]++;
    Fleet.Bot b = fleet.bots.get(bot);
    byte[] body = corpus.update(kind, updateId, chats[chatKey], nextMessageId[chatKey]++,
      command < 0 ? null : Fleet.COMMANDS.get(command), b.username(), System.currentTimeMillis() / 1000);
    kinds[kind.ordinal()]++;
    bytes += body.length;
    minBytes = Math.min(minBytes, body.length);
    maxBytes = Math.max(maxBytes, body.length);
    return new Update(bot, chatKey, kind, command, updateId, Buffer.buffer(body));
  }

  /** The ingress mix: 40 % commands, 20 % other text messages, 25 % callback queries, 15 % edits. */
  private Corpus.Kind mix() {
    int r = random.nextInt(100);
    return r < 40 ? Corpus.Kind.COMMAND : r < 60 ? Corpus.Kind.TEXT : r < 85 ? Corpus.Kind.CALLBACK : Corpus.Kind.EDITED;
  }

  /** {@code {"updates", "command", "text", "callback", "edited", "bytes_min", "bytes_mean", "bytes_max"}}. */
  io.vertx.core.json.JsonObject summary() {
    io.vertx.core.json.JsonObject s = new io.vertx.core.json.JsonObject().put("updates", i);
    for (Corpus.Kind k : Corpus.Kind.values()) {
      s.put(k.name().toLowerCase(), kinds[k.ordinal()]);
    }
    return s.put("bytes_min", i == 0 ? null : minBytes).put("bytes_mean", i == 0 ? null : bytes / i)
      .put("bytes_max", i == 0 ? null : maxBytes);
  }
}
