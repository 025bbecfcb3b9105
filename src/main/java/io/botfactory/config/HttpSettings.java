package io.botfactory.config;

import io.netty.util.NetUtil;

import java.util.List;

import static io.botfactory.config.ConfigKey.ACCESS_LOG;
import static io.botfactory.config.ConfigKey.CORS_ORIGINS;
import static io.botfactory.config.ConfigKey.HTTP_BODY_TIMEOUT_MS;
import static io.botfactory.config.ConfigKey.HTTP_HOST;
import static io.botfactory.config.ConfigKey.HTTP_IDLE_TIMEOUT_S;
import static io.botfactory.config.ConfigKey.HTTP_INSTANCES;
import static io.botfactory.config.ConfigKey.HTTP_PORT;
import static io.botfactory.config.ConfigKey.HTTP_TRUSTED_PROXIES;
import static io.botfactory.config.ConfigKey.HTTP_TRUST_FORWARDED;

/**
 * The public HTTP API. {@code instances}: HTTP verticle instances (already resolved: one per
 * event loop when configured as 0). {@code trustForwarded}: take the client address from
 * X-Forwarded-For, only behind a proxy that sets it; {@code trustedProxies}: the addresses and
 * CIDR ranges of those proxies (empty: the peer is the one proxy). {@code idleTimeoutSeconds}: a
 * connection silent that long is closed; {@code bodyTimeoutMs}: a request body must arrive in
 * full that soon after its headers.
 */
public record HttpSettings(String host, int port, int instances, boolean trustForwarded, List<String> trustedProxies,
                           int idleTimeoutSeconds, int bodyTimeoutMs, boolean accessLog, List<String> corsOrigins) {

  static HttpSettings read(ConfigReader r, int eventLoops) {
    int instances = r.intAtLeast(HTTP_INSTANCES, 0);
    List<String> proxies = r.list(HTTP_TRUSTED_PROXIES);
    proxies.forEach(HttpSettings::checkProxy);
    return new HttpSettings(r.text(HTTP_HOST), r.port(HTTP_PORT), instances == 0 ? eventLoops : instances,
      r.bool(HTTP_TRUST_FORWARDED), proxies, r.intAtLeast(HTTP_IDLE_TIMEOUT_S, 1), r.intAtLeast(HTTP_BODY_TIMEOUT_MS, 100),
      r.bool(ACCESS_LOG), r.list(CORS_ORIGINS));
  }

  /** An IP address, or an IP address and a prefix length that fits it ({@code 10.0.0.0/8}, {@code fd00::/8}). */
  private static void checkProxy(String entry) {
    int slash = entry.indexOf('/');
    String ip = slash < 0 ? entry : entry.substring(0, slash);
    int maxBits = NetUtil.isValidIpV4Address(ip) ? 32 : NetUtil.isValidIpV6Address(ip) ? 128 : -1;
    boolean valid = maxBits > 0;
    if (valid && slash >= 0) {
      try {
        int bits = Integer.parseInt(entry.substring(slash + 1));
        valid = bits >= 0 && bits <= maxBits;
      } catch (NumberFormatException e) {
        valid = false;
      }
    }
    if (!valid) {
      throw new ConfigException(HTTP_TRUSTED_PROXIES + " must list IP addresses or CIDR ranges, got '" + entry + "'");
    }
  }
}
