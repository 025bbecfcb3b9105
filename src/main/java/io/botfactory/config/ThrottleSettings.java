package io.botfactory.config;

import static io.botfactory.config.ConfigKey.LOGIN_MAX_FAILURES_PER_EMAIL;
import static io.botfactory.config.ConfigKey.LOGIN_MAX_FAILURES_PER_SOURCE;
import static io.botfactory.config.ConfigKey.LOGIN_WINDOW_S;

/** Login throttling: failures allowed per email and per source address within one window. */
public record ThrottleSettings(int maxFailuresPerEmail, int maxFailuresPerSource, int windowSeconds) {

  static ThrottleSettings read(ConfigReader r) {
    return new ThrottleSettings(
      r.intAtLeast(LOGIN_MAX_FAILURES_PER_EMAIL, 1),
      r.intAtLeast(LOGIN_MAX_FAILURES_PER_SOURCE, 1),
      r.intAtLeast(LOGIN_WINDOW_S, 1));
  }
}
