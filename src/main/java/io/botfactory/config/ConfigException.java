package io.botfactory.config;

/** A configuration the process cannot run with; its message is the one line shown to the operator. */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
