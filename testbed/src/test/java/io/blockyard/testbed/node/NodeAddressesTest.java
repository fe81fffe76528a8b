package io.blockyard.testbed.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blockyard.testbed.TestbedException;
import org.junit.jupiter.api.Test;

class NodeAddressesTest {
  @Test
  void aSlash24KeepsTheLayoutEveryTestBedHasUsed() {
    NodeAddresses addresses = NodeAddresses.of("10.213.7.0/24");
    assertThat(addresses.range()).isEqualTo("10.213.7.0/24");
    assertThat(addresses.podCidr()).isEqualTo("10.213.7.0/25");
    assertThat(addresses.podCidrSuffix()).isEqualTo("/25");
    assertThat(addresses.bridgeGateway()).isEqualTo("10.213.7.1");
    assertThat(addresses.firstPodIp()).isEqualTo("10.213.7.2");
    assertThat(addresses.lastPodIp()).isEqualTo("10.213.7.126");
    assertThat(addresses.maxPods()).isEqualTo(120);
    assertThat(addresses.serviceCidr()).isEqualTo("10.213.7.128/26");
    assertThat(addresses.kubernetesServiceIp()).isEqualTo("10.213.7.129");
    assertThat(addresses.clusterDnsIp()).isEqualTo("10.213.7.138");
    assertThat(addresses.hostIp()).isEqualTo("10.213.7.253");
    assertThat(addresses.nodeIp()).isEqualTo("10.213.7.254");
  }

  @Test
  void aSlash22HoldsAFleetOfPods() {
    NodeAddresses addresses = NodeAddresses.of("10.214.0.0/22");
    assertThat(addresses.podCidr()).isEqualTo("10.214.0.0/23");
    assertThat(addresses.lastPodIp()).isEqualTo("10.214.1.254");
    assertThat(addresses.maxPods()).isEqualTo(504);
    assertThat(addresses.serviceCidr()).isEqualTo("10.214.2.0/24");
    assertThat(addresses.kubernetesServiceIp()).isEqualTo("10.214.2.1");
    assertThat(addresses.clusterDnsIp()).isEqualTo("10.214.2.10");
    assertThat(addresses.hostIp()).isEqualTo("10.214.3.253");
    assertThat(addresses.nodeIp()).isEqualTo("10.214.3.254");
  }

  @Test
  void aRangeThatCannotHoldTheLayoutIsRefusedWithWhatToUse() {
    assertThatThrownBy(() -> NodeAddresses.of("10.213.7.0/25")).isInstanceOf(TestbedException.class)
        .hasMessageContaining("must be a /24 or wider").hasMessageContaining("10.213.0.0/24");
    assertThatThrownBy(() -> NodeAddresses.of("10.0.0.0/8")).hasMessageContaining("up to a /16");
    assertThatThrownBy(() -> NodeAddresses.of("10.214.1.0/22")).hasMessageContaining("10.214.0.0/22");
    assertThatThrownBy(() -> NodeAddresses.of("10.213.300.0/24")).hasMessageContaining("above 255");
    assertThatThrownBy(() -> NodeAddresses.of("bridge")).hasMessageContaining("not an IPv4 range");
  }
}
