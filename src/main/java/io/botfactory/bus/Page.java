package io.botfactory.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;

/**
 * A page of a list ({@code bots.list}, {@code bots.chats.list}, ...): the JSON text of the array
 * (or, for the audience's exports, CSV text), ready to send as it is, and the cursor to continue
 * after when more remain. On the bus the body is that JSON text (a Buffer)
 * and the cursor travels in the {@value #NEXT_AFTER} header, so the page is encoded once, by
 * the storage service, and neither copied as a JSON tree nor encoded again.
 */
public record Page(Buffer json, String nextAfter) {

  public static final String NEXT_AFTER = "next-after";

  public BusReply reply() {
    return new BusReply(json, nextAfter == null ? java.util.Map.of() : java.util.Map.of(NEXT_AFTER, nextAfter));
  }

  public static Page of(Message<Buffer> message) {
    return new Page(message.body(), message.headers().get(NEXT_AFTER));
  }
}
