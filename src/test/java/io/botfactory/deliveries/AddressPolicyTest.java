package io.botfactory.deliveries;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSRF check's decision, on addresses as a resolver would give them (literals: nothing here
 * asks a DNS server or connects anywhere): every internal range refused, IPv4 hidden in IPv6
 * judged as the IPv4 it is, public addresses allowed.
 */
class AddressPolicyTest {

  @Test
  void internalAddressesAreRefused() throws UnknownHostException {
    List<String> refused = List.of("127.0.0.1", "127.255.0.9", "10.0.0.1", "10.255.255.255", "172.16.0.1",
      "172.31.255.255", "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255", "0.0.0.0",
      "0.1.2.3", "224.0.0.1", "239.255.255.250", "255.255.255.255", "::1", "::", "fe80::1", "febf::1", "fc00::1",
      "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:127.0.0.1", "::10.0.0.1",
      "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "2002:0a00:0001::1");
    for (String address : refused) {
      assertThat(AddressPolicy.refusal(InetAddress.getByName(address))).as(address).isNotNull();
    }
    assertThat(AddressPolicy.refusal(InetAddress.getByName("169.254.169.254"))).isEqualTo("a link-local address");
    assertThat(AddressPolicy.refusal(InetAddress.getByName("fd00::1"))).isEqualTo("a private address");
    assertThat(AddressPolicy.refusal(InetAddress.getByName("100.100.100.200"))).isEqualTo("a shared (CGNAT) address");
  }

  @Test
  void publicAddressesAreAllowed() throws UnknownHostException {
    List<String> allowed = List.of("8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
      "192.169.0.1", "169.253.0.1", "223.255.255.254", "2001:4860:4860::8888", "2606:4700::1111", "::ffff:8.8.8.8",
      "2002:0808:0808::1");
    for (String address : allowed) {
      assertThat(AddressPolicy.refusal(InetAddress.getByName(address))).as(address).isNull();
    }
  }
}
