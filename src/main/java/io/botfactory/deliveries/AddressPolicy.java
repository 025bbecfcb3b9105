package io.botfactory.deliveries;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a delivery may connect to: the decision of the SSRF check, made on the address
 * a host resolved to, just before the connection to that very address. Refused (unless private
 * targets are allowed, for tests): loopback (127.0.0.0/8, ::1), private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10),
 * CGNAT (100.64/10), multicast (224/4, ff00::/8), unspecified (0.0.0.0/8, ::) and the broadcast
 * address; an IPv6 address that carries an IPv4 one (mapped, compatible, NAT64 64:ff9b::/96,
 * 6to4 2002::/16) is judged by that IPv4 address.
 */
final class AddressPolicy {

  private AddressPolicy() {
  }

  /** Why a delivery may not connect to {@code address} ("a private address"), or null when it may. */
  static String refusal(InetAddress address) {
    if (address instanceof Inet4Address) {
      return refusal4(address.getAddress());
    }
    byte[] b = address.getAddress();
    byte[] embedded = embeddedIpv4(b);
    if (embedded != null) {
      return refusal4(embedded);
    }
    if (address.isAnyLocalAddress()) {
      return "an unspecified address";
    }
    if (address.isLoopbackAddress()) {
      return "a loopback address";
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      return "a link-local address";
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return "a private address";
    }
    if ((b[0] & 0xff) == 0xff) {
      return "a multicast address";
    }
    return null;
  }

  private static String refusal4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    if (a0 == 0) {
      return "an unspecified address";
    }
    if (a0 == 127) {
      return "a loopback address";
    }
    if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
      return "a private address";
    }
    if (a0 == 169 && a1 == 254) {
      return "a link-local address";
    }
    if (a0 == 100 && a1 >= 64 && a1 <= 127) {
      return "a shared (CGNAT) address";
    }
    if (a0 >= 224) {
      return a0 <= 239 ? "a multicast address" : "a reserved address";
    }
    return null;
  }

  /** The IPv4 address an IPv6 one carries (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64, 6to4), or null. */
  private static byte[] embeddedIpv4(byte[] b) {
    boolean zeros80 = true;
    for (int i = 0; i < 10; i++) {
      zeros80 &= b[i] == 0;
    }
    boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    if (mapped || compatible || nat64) {
      return new byte[]{b[12], b[13], b[14], b[15]};
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return new byte[]{b[2], b[3], b[4], b[5]};
    }
    return null;
  }

  /** Whether {@code address} is an IPv6 one, for the Host header's brackets. */
  static boolean v6(InetAddress address) {
    return address instanceof Inet6Address;
  }
}
