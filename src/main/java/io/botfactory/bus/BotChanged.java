package io.botfactory.bus;

/**
 * {@code engine.changes.<node>}: the bot-storage service tells the node holding a bot that the
 * bot changed (deactivated, deleted, a new token or command set) and is now at {@code version};
 * the node answers {@code {}} once nothing decided under an older version can still be sent. The
 * change's HTTP answer waits for that, so that a bot deleted or deactivated sends nothing once
 * its DELETE or PATCH has answered, and a new command set answers every update stored after it.
 */
public record BotChanged(String botId, long version) implements BusMessage {
}
