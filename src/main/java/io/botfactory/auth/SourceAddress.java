package io.botfactory.auth;

import io.netty.util.NetUtil;

import java.util.Arrays;

/**
 * The per-address throttle key of a caller's IP address. An IPv4 address counts alone; an IPv6
 * address counts with its whole /64, because one customer line or one cloud machine is handed
 * a /64 (often more) and can pick any of its 2^64 addresses for each attempt. An IPv4 address
 * written as IPv6 ({@code ::ffff:192.0.2.1}) is the IPv4 address. Anything else is one key of
 * its own, {@code unknown}.
 */
final class SourceAddress {

  static final String UNKNOWN = "unknown";
  private static final int IPV6_PREFIX_BYTES = 8;

  private SourceAddress() {
  }

  static String key(String address) {
    byte[] bytes = address == null ? null : NetUtil.createByteArrayFromIpAddressString(address);
    if (bytes == null) {
      return UNKNOWN;
    }
    if (bytes.length == 16 && isIpv4Mapped(bytes)) {
      bytes = Arrays.copyOfRange(bytes, 12, 16);
    }
    if (bytes.length == 4) {
      return NetUtil.bytesToIpAddress(bytes);
    }
    Arrays.fill(bytes, IPV6_PREFIX_BYTES, 16, (byte) 0);
    return NetUtil.bytesToIpAddress(bytes) + "/64";
  }

  private static boolean isIpv4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }
}
