package io.botfactory.config;

import static io.botfactory.config.ConfigKey.LOGIN_MAX_FAILURES_PER_EMAIL;
import static io.botfactory.config.ConfigKey.LOGIN_MAX_FAILURES_PER_SOURCE;
import static io.botfactory.config.ConfigKey.LOGIN_WINDOW_S;
import static io.botfactory.config.ConfigKey.REGISTER_MAX_PER_SOURCE;
import static io.botfactory.config.ConfigKey.REGISTER_WINDOW_S;

/**
 * Login throttling (failures allowed per email and per source address within one window) and
 * sign-up throttling (sign-ups allowed per source address within a window of its own).
 */
public record ThrottleSettings(int maxFailuresPerEmail, int maxFailuresPerSource, int windowSeconds,
                               int maxSignUpsPerSource, int signUpWindowSeconds) {

  static ThrottleSettings read(ConfigReader r) {
    return new ThrottleSettings(
      r.intAtLeast(LOGIN_MAX_FAILURES_PER_EMAIL, 1),
      r.intAtLeast(LOGIN_MAX_FAILURES_PER_SOURCE, 1),
      r.intAtLeast(LOGIN_WINDOW_S, 1),
      r.intAtLeast(REGISTER_MAX_PER_SOURCE, 1),
      r.intAtLeast(REGISTER_WINDOW_S, 1));
  }
}
