package io.botfactory.bus;

/**
 * {@code engine.take}: "{@code botId} has updates and no live node holds it", sent to one engine
 * node, which takes the bot if no other did meanwhile and reads what is waiting from the inbox.
 * Only a wake-up call: the engines' sweeps find anything a lost one would have announced.
 */
public record BotTake(String botId) implements BusMessage {
}
