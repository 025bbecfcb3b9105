import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Telegram-shaped updates, as the Bot API delivers them to a webhook: the fields, nesting, id
 * ranges and sizes of real ones (0.5 to 2 KB of JSON, UTF-8, non-ASCII text, 64-bit chat ids),
 * written straight to text (a generator must be cheap).
 *
 * <ul>
 *   <li>{@link Kind#COMMAND}: a message {@code /cmd} with its bot_command entity (in groups
 *       {@code /cmd@botname}), sometimes with arguments and a reply to an earlier message;</li>
 *   <li>{@link Kind#TEXT}: a text message with entities (mention, url, bold, hashtag) that is not a
 *       command;</li>
 *   <li>{@link Kind#CALLBACK}: a callback query on one of the bot's messages with an inline
 *       keyboard;</li>
 *   <li>{@link Kind#EDITED}: an edited text message with entities.</li>
 * </ul>
 * Entity offsets and lengths are in UTF-16 code units, as Telegram counts them.
 */
final class Corpus {

  enum Kind { COMMAND, TEXT, CALLBACK, EDITED }

  static final int MIN_BYTES = 512;
  static final int MAX_BYTES = 2048;

  private static final String[] FIRST = {"Anna", "Mehmet", "Олег", "Lucía", "Wei", "Priya", "João", "Fatima", "Kenji",
    "Zoë", "Ахмед", "Emily", "Søren", "Nguyễn", "Chloé", "Dmitri"};
  private static final String[] LAST = {"Schmidt", "Yılmaz", "Иванов", "García", "Zhang", "Sharma", "Silva", "Haddad",
    "Tanaka", "Müller", "Петрова", "Johnson", "Nørgaard", "Trần", "Dubois", "Kowalski"};
  private static final String[] LANG = {"en", "de", "ru", "es", "pt-br", "tr", "uk", "fr", "ja", "it"};
  private static final String[] WORDS = {"hello", "order", "delivery", "tomorrow", "please", "thanks", "price",
    "привет", "заказ", "gracias", "ticket", "status", "refund", "schedule", "weekend", "café", "größe", "morgen",
    "when", "can", "you", "the", "is", "my", "for", "and", "😀", "👍", "🚀", "問題", "です"};
  private static final String[] BUTTONS = {"✅ Confirm", "❌ Cancel", "⬅️ Back", "➡️ Next", "ℹ️ Details",
    "🛒 Add to cart", "⭐ Rate", "📦 Track order", "💬 Support", "⚙️ Settings"};

  private final SplittableRandom random;

  Corpus(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Who writes to the bot in one of its chats: fixed per chat, so a chat always has the same people. */
  record Chat(long id, boolean group, long userId, String first, String last, String username, String lang,
              String title) {

    static Chat of(int bot, int chat, int chatsPerBot) {
      long n = (long) bot * chatsPerBot + chat;
      // Private chats: the user's id (above 2^32, as new accounts are); one chat in five a supergroup.
      boolean group = chat % 5 == 4;
      long userId = 6_000_000_000L + n * 7919 % 1_000_000_000L;
      String first = FIRST[(int) (n % FIRST.length)];
      String last = LAST[(int) (n / FIRST.length % LAST.length)];
      String username = first.codePoints().allMatch(c -> c < 128) ? (first + "_" + n).toLowerCase() : null;
      return new Chat(group ? -1_001_000_000_000L - n : userId, group, userId, first, last, username,
        LANG[(int) (n % LANG.length)], group ? "Bench group " + n + " · 🚀 team" : null);
    }
  }

  /**
   * One update as the JSON text Telegram posts. {@code command}: the command's name (COMMAND
   * only); {@code messageId}: a message id new in this chat; {@code botUsername}: the bot's.
   */
  byte[] update(Kind kind, long updateId, Chat chat, int messageId, String command, String botUsername, long date) {
    StringBuilder b = new StringBuilder(2048);
    b.append("{\"update_id\":").append(updateId).append(',');
    switch (kind) {
      case COMMAND -> {
        b.append("\"message\":");
        commandMessage(b, chat, messageId, command, botUsername, date);
      }
      case TEXT -> {
        b.append("\"message\":");
        textMessage(b, chat, messageId, date, 0, 380 + random.nextInt(700));
      }
      case CALLBACK -> callbackQuery(b, chat, messageId, botUsername, date);
      case EDITED -> {
        b.append("\"edited_message\":");
        textMessage(b, chat, messageId - 1 - random.nextInt(5), date - 30 - random.nextInt(600), date,
          250 + random.nextInt(450));
      }
    }
    b.append('}');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A command as people send them to shop and service bots: with arguments (a deep-link payload,
   * an order number and a note), or as a reply to one of the bot's earlier messages.
   */
  private void commandMessage(StringBuilder b, Chat chat, int messageId, String command, String botUsername, long date) {
    String head = "/" + command + (chat.group ? "@" + botUsername : "");
    boolean reply = random.nextInt(2) == 0;
    String text = reply ? head + " " + words(2 + random.nextInt(10))
      : head + " ref_" + Long.toHexString(random.nextLong()) + " order " + (10_000 + random.nextInt(90_000)) + " "
        + words(30 + random.nextInt(40));
    b.append("{\"message_id\":").append(messageId).append(',');
    from(b, chat);
    b.append(',');
    chat(b, chat);
    b.append(",\"date\":").append(date);
    if (reply) {
      b.append(",\"reply_to_message\":{\"message_id\":").append(Math.max(1, messageId - 1 - random.nextInt(20))).append(',');
      botFrom(b, botUsername);
      b.append(',');
      chat(b, chat);
      b.append(",\"date\":").append(date - 60 - random.nextInt(3600)).append(",\"text\":");
      string(b, "Your order " + (10_000 + random.nextInt(90_000)) + " is on its way 🚚 " + words(10 + random.nextInt(30)));
      b.append('}');
    }
    b.append(",\"text\":");
    string(b, text);
    b.append(",\"entities\":[{\"offset\":0,\"length\":").append(head.length()).append(",\"type\":\"bot_command\"}]}");
  }

  /** A message with text of about {@code chars} characters and entities; {@code editDate} 0: not edited. */
  private void textMessage(StringBuilder b, Chat chat, int messageId, long date, long editDate, int chars) {
    StringBuilder text = new StringBuilder(chars + 64);
    StringBuilder entities = new StringBuilder(256);
    String mention = "@" + (chat.username == null ? "someone_" + (chat.userId % 1000) : chat.username);
    String url = "https://example.com/orders/" + (100_000 + random.nextInt(900_000)) + "?ref=bench";
    String bold = "important";
    String tag = "#support";
    text.append(words(3 + random.nextInt(5))).append(' ');
    entity(entities, "mention", text.length(), mention.length());
    text.append(mention).append(' ').append(words(3 + random.nextInt(6))).append(' ');
    entity(entities, "url", text.length(), url.length());
    text.append(url).append(' ').append(words(2 + random.nextInt(5))).append(' ');
    entity(entities, "bold", text.length(), bold.length());
    text.append(bold).append(' ');
    while (text.length() < chars) {
      text.append(words(5)).append(' ');
    }
    entity(entities, "hashtag", text.length(), tag.length());
    text.append(tag);
    b.append("{\"message_id\":").append(messageId).append(',');
    from(b, chat);
    b.append(',');
    chat(b, chat);
    b.append(",\"date\":").append(date);
    if (editDate != 0) {
      b.append(",\"edit_date\":").append(editDate);
    }
    b.append(",\"text\":");
    string(b, text.toString());
    b.append(",\"entities\":[").append(entities).append(']');
    if (editDate == 0 && random.nextInt(3) == 0) {
      b.append(",\"link_preview_options\":{\"url\":");
      string(b, url);
      b.append(",\"prefer_small_media\":true}");
    }
    b.append('}');
  }

  private void callbackQuery(StringBuilder b, Chat chat, int messageId, String botUsername, long date) {
    b.append("\"callback_query\":{\"id\":\"").append(Long.toUnsignedString(random.nextLong())).append("\",");
    from(b, chat);
    b.append(",\"message\":{\"message_id\":").append(Math.max(1, messageId - 1)).append(',');
    botFrom(b, botUsername);
    b.append(',');
    chat(b, chat);
    b.append(",\"date\":").append(date - 5 - random.nextInt(300)).append(",\"text\":");
    string(b, "Order " + (10_000 + random.nextInt(90_000)) + ": " + words(6 + random.nextInt(25)));
    b.append(",\"reply_markup\":{\"inline_keyboard\":[");
    int rows = 1 + random.nextInt(4);
    for (int r = 0; r < rows; r++) {
      b.append(r == 0 ? "[" : ",[");
      int cols = 1 + random.nextInt(3);
      for (int c = 0; c < cols; c++) {
        String label = BUTTONS[random.nextInt(BUTTONS.length)];
        b.append(c == 0 ? "" : ",").append("{\"text\":");
        string(b, label);
        b.append(",\"callback_data\":\"act:").append(r).append(':').append(c).append(':')
          .append(Integer.toHexString(random.nextInt())).append("\"}");
      }
      b.append(']');
    }
    b.append("]}},\"chat_instance\":\"").append(Long.toString(chat.id * 31 + 7)).append("\",\"data\":\"act:0:0:")
      .append(Integer.toHexString(random.nextInt())).append("\"}");
  }

  private static void from(StringBuilder b, Chat chat) {
    b.append("\"from\":{\"id\":").append(chat.userId).append(",\"is_bot\":false,\"first_name\":");
    string(b, chat.first);
    b.append(",\"last_name\":");
    string(b, chat.last);
    if (chat.username != null) {
      b.append(",\"username\":\"").append(chat.username).append('"');
    }
    b.append(",\"language_code\":\"").append(chat.lang).append('"');
    if (chat.userId % 3 == 0) {
      b.append(",\"is_premium\":true");
    }
    b.append('}');
  }

  private static void botFrom(StringBuilder b, String botUsername) {
    b.append("\"from\":{\"id\":").append(botUsername.replaceAll("[^0-9]", "")).append(",\"is_bot\":true,\"first_name\":\"")
      .append(botUsername, 0, botUsername.length() - 4).append("\",\"username\":\"").append(botUsername).append("\"}");
  }

  private static void chat(StringBuilder b, Chat chat) {
    b.append("\"chat\":{\"id\":").append(chat.id).append(',');
    if (chat.group) {
      b.append("\"title\":");
      string(b, chat.title);
      b.append(",\"type\":\"supergroup\"}");
    } else {
      b.append("\"first_name\":");
      string(b, chat.first);
      b.append(",\"last_name\":");
      string(b, chat.last);
      if (chat.username != null) {
        b.append(",\"username\":\"").append(chat.username).append('"');
      }
      b.append(",\"type\":\"private\"}");
    }
  }

  private static void entity(StringBuilder b, String type, int offset, int length) {
    b.append(b.length() == 0 ? "" : ",").append("{\"offset\":").append(offset).append(",\"length\":").append(length)
      .append(",\"type\":\"").append(type).append("\"}");
  }

  private String words(int n) {
    StringBuilder s = new StringBuilder(n * 7);
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return s.toString();
  }

  /** A JSON string; the corpus holds no character that needs more than these escapes. */
  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    b.append('"');
  }
}
