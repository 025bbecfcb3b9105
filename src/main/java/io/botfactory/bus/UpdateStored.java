package io.botfactory.bus;

/**
 * The reply of {@code telegram.updates.store}: {@code outcome} is {@code stored} (new, committed),
 * {@code duplicate} (stored before: nothing changed) or {@code inactive} (the bot is inactive:
 * stored nowhere). Each is a 200 to Telegram. A bot that does not exist is a 401 failure.
 */
public record UpdateStored(String outcome) implements BusMessage {

  public static final String STORED = "stored";
  public static final String DUPLICATE = "duplicate";
  public static final String INACTIVE = "inactive";
}
