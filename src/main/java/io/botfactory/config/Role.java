package io.botfactory.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a node does; {@code BOTFACTORY_ROLES} picks any combination, {@code all} by default. */
public enum Role {
  HTTP, AUTH, STORAGE, WEBHOOK;

  public static Set<Role> parse(String value) {
    String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (text.isEmpty() || text.equals("all")) {
      return EnumSet.allOf(Role.class);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : text.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      try {
        roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(ConfigKey.ROLES + ": unknown role '" + name + "' (known: http, auth, storage, webhook, all)");
      }
    }
    if (roles.isEmpty()) {
      throw new ConfigException(ConfigKey.ROLES + " names no role");
    }
    return roles;
  }
}
