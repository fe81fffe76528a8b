package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeAddressTest {

  @Test
  void readsIpv4HostNamesAndBracketedIpv6() {
    assertThat(NodeAddress.parse("127.0.0.1:18444"))
        .isEqualTo(new NodeAddress("127.0.0.1", 18444));
    assertThat(NodeAddress.parse("Node-1.Example:8333").host()).isEqualTo("node-1.example");
    assertThat(NodeAddress.parse("[::1]:18444").toString()).isEqualTo("[::1]:18444");
  }

  @Test
  void refusesAddressesWithoutPort() {
    for (String text : new String[] {"127.0.0.1", "::1", "host:0", "host:port"}) {
      assertThatThrownBy(() -> NodeAddress.parse(text))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void matchesListedSpellingsOfTheSameAddress() {
    NodeAddress address = NodeAddress.parse("node.example:8333");

    assertThat(address.matches("NODE.example:8333")).isTrue();
    assertThat(address.matches("node.example:8334")).isFalse();
    assertThat(address.matches("node.example")).isFalse();
  }
}
